import { credentials } from '@grpc/grpc-js';
import { Entry, Logging, LoggingOptions } from '@google-cloud/logging';
import { PassThroughClient } from 'google-auth-library';
import { Clock } from '../../clock';
import { LogStore } from '../LogStore';
import { LogEntryJson } from '../LogEntryJson';
import { LoggingServer, startLoggingServer } from './startLoggingServer';

process.env.METADATA_SERVER_DETECTION = 'none';

const PROJECT = 'demo-project';
const SINCE = 'timestamp>="2000-01-01T00:00:00Z"';
const NODE = {
  type: 'k8s_node',
  labels: { project_id: PROJECT, node_name: 'node-a' },
};

function loggingClient(server: LoggingServer): Logging {
  // LoggingOptions lacks the gax transport options it passes through.
  const options: LoggingOptions & { sslCreds: unknown } = {
    apiEndpoint: '127.0.0.1',
    port: server.port,
    sslCreds: credentials.createInsecure(),
    authClient: new PassThroughClient(),
    projectId: PROJECT,
  };
  return new Logging(options);
}

const fastFail = { timeout: 5000, retry: null };

function auditEntry(
  second: number,
  fields: Record<string, string> = {},
): LogEntryJson {
  return {
    logName: `projects/${PROJECT}/logs/linux-auditd`,
    resource: NODE,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    jsonPayload: { _AUDIT_ID: String(second), ...fields },
  };
}

const servers: LoggingServer[] = [];

async function startWith(entries: LogEntryJson[]) {
  const store = LogStore.create({ clock: new Clock() });
  store.write(entries);
  const server = await startLoggingServer({ store });
  servers.push(server);
  return { store, server, logging: loggingClient(server) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()));
});

function auditIds(entries: Entry[]): string[] {
  return entries.map(entry => (entry.data as { _AUDIT_ID: string })._AUDIT_ID);
}

describe('startLoggingServer', () => {
  it('answers on 127.0.0.1 with the port it bound', async () => {
    const { server } = await startWith([]);
    expect(server.endpoint).toBe(`127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('stores entries written with Log.write and returns them through getEntries', async () => {
    const { logging } = await startWith([]);
    const log = logging.log('linux-auditd');
    await log.write(
      [
        log.entry(
          { timestamp: new Date() },
          { MESSAGE: 'SYSCALL arch=c000003e', n: 1 },
        ),
      ],
      { resource: NODE, gaxOptions: fastFail },
    );

    const [entries] = await logging.getEntries({
      autoPaginate: false,
      // The client's one-off diagnostic entry goes to the same log.
      filter:
        'log_id("linux-auditd") -jsonPayload."logging.googleapis.com/diagnostic":*',
      gaxOptions: fastFail,
    });

    expect(entries).toHaveLength(1);
    expect(entries[0].data).toEqual({ MESSAGE: 'SYSCALL arch=c000003e', n: 1 });
    expect(entries[0].metadata.resource).toMatchObject(NODE);
    expect(entries[0].metadata.insertId).toBeTruthy();
    expect(entries[0].metadata.receiveTimestamp).toBeTruthy();
  });

  it('round-trips every JSON type of jsonPayload through Struct', async () => {
    const { logging } = await startWith([]);
    const payload = {
      text: 'a "quoted" \\ string',
      number: -12.5,
      zero: 0,
      yes: true,
      no: false,
      nothing: null,
      list: ['x', 1, false, null, { inner: [] }],
      nested: { deeper: { key: 'value' }, empty: {} },
    };
    const log = logging.log('round-trip');
    await log.write([log.entry({ timestamp: new Date() }, payload)], {
      resource: NODE,
      gaxOptions: fastFail,
    });

    const [entries] = await logging.getEntries({
      autoPaginate: false,
      filter: 'log_id("round-trip")',
      gaxOptions: fastFail,
    });

    expect(entries[0].data).toEqual(payload);
  });

  it('keeps nanosecond timestamps written by the client', async () => {
    const { logging, store } = await startWith([]);
    const log = logging.log('linux-auditd');
    await log.write(
      [log.entry({ timestamp: '2026-01-01T00:00:00.123456789Z' }, { n: 1 })],
      { resource: NODE, gaxOptions: fastFail },
    );

    expect(store.entries()[0].timestamp).toBe('2026-01-01T00:00:00.123456789Z');
  });

  it('pages through every matching entry exactly once', async () => {
    const written = Array.from({ length: 23 }, (_, second) =>
      auditEntry(second),
    );
    const { logging } = await startWith(written);

    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const [entries, request] = await logging.getEntries({
        autoPaginate: false,
        filter: SINCE,
        orderBy: 'timestamp asc',
        pageSize: 5,
        pageToken,
        gaxOptions: fastFail,
      });
      seen.push(...auditIds(entries));
      pageToken = (request as { pageToken?: string } | null)?.pageToken;
      pages += 1;
    } while (pageToken);

    expect(pages).toBe(5);
    expect(seen).toEqual(written.map(entry => entry.jsonPayload?._AUDIT_ID));
  });

  it.each([
    ['timestamp asc', ['0', '1', '2']],
    ['timestamp desc', ['2', '1', '0']],
  ])('orders by %s', async (orderBy, expected) => {
    const { logging } = await startWith([
      auditEntry(1),
      auditEntry(0),
      auditEntry(2),
    ]);

    const [entries] = await logging.getEntries({
      autoPaginate: false,
      filter: SINCE,
      orderBy,
      gaxOptions: fastFail,
    });

    expect(auditIds(entries)).toEqual(expected);
  });

  it.each([
    ['jsonPayload._AUDIT_TYPE_NAME="EXECVE"', ['1']],
    ['jsonPayload._AUDIT_TYPE_NAME=("SYSCALL" OR "EXECVE")', ['0', '1']],
    ['jsonPayload.MESSAGE:"whoami"', ['0']],
    ['NOT jsonPayload._AUDIT_TYPE_NAME="SYSCALL"', ['1', '2']],
    ['jsonPayload._AUDIT_ID>=1 AND jsonPayload._AUDIT_ID<2', ['1']],
  ])('filters with %s end to end', async (filter, expected) => {
    const { logging } = await startWith([
      auditEntry(0, {
        _AUDIT_TYPE_NAME: 'SYSCALL',
        MESSAGE: 'SYSCALL comm="WhoAmI"',
      }),
      auditEntry(1, { _AUDIT_TYPE_NAME: 'EXECVE', MESSAGE: 'EXECVE argc=1' }),
      auditEntry(2, { _AUDIT_TYPE_NAME: 'CWD', MESSAGE: 'CWD cwd="/"' }),
    ]);

    const [entries] = await logging.getEntries({
      autoPaginate: false,
      filter: `${SINCE} AND ${filter}`,
      orderBy: 'timestamp asc',
      gaxOptions: fastFail,
    });

    expect(auditIds(entries)).toEqual(expected);
  });

  it('returns only entries of the projects in resourceNames', async () => {
    const other = {
      ...auditEntry(5),
      logName: 'projects/other/logs/linux-auditd',
    };
    const { logging } = await startWith([auditEntry(1), other]);

    const [entries] = await logging.getEntries({
      autoPaginate: false,
      filter: SINCE,
      resourceNames: ['projects/other'],
      gaxOptions: fastFail,
    });

    expect(auditIds(entries)).toEqual(['5']);
  });

  it('refuses a malformed filter with INVALID_ARGUMENT naming the problem', async () => {
    const { logging } = await startWith([]);

    await expect(
      logging.getEntries({
        autoPaginate: false,
        filter: `${SINCE} AND (jsonPayload.x="a"`,
        gaxOptions: fastFail,
      }),
    ).rejects.toMatchObject({
      code: 3,
      message: expect.stringMatching(
        /^3 INVALID_ARGUMENT: Unparseable filter: unbalanced parentheses: "\(" is not closed at position 39$/,
      ),
    });
  });

  it('refuses a page token from a different query with INVALID_ARGUMENT', async () => {
    const { logging } = await startWith([auditEntry(0), auditEntry(1)]);
    const [, request] = await logging.getEntries({
      autoPaginate: false,
      filter: SINCE,
      pageSize: 1,
      gaxOptions: fastFail,
    });
    const pageToken = (request as { pageToken: string }).pageToken;

    await expect(
      logging.getEntries({
        autoPaginate: false,
        filter: `${SINCE} AND jsonPayload._AUDIT_ID="1"`,
        pageSize: 1,
        pageToken,
        gaxOptions: fastFail,
      }),
    ).rejects.toMatchObject({
      code: 3,
      message: expect.stringContaining('different query'),
    });
  });

  it('refuses a page size above 1000 with INVALID_ARGUMENT', async () => {
    const { logging } = await startWith([]);

    await expect(
      logging.getEntries({
        autoPaginate: false,
        pageSize: 1001,
        gaxOptions: fastFail,
      }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('answers other methods with UNIMPLEMENTED', async () => {
    const { logging } = await startWith([]);

    await expect(
      logging.log('linux-auditd').delete({ timeout: 5000, retry: null }),
    ).rejects.toMatchObject({ code: 12 });
  });
});
