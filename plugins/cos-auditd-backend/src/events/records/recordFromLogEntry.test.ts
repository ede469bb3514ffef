import { AuditRecord, ParsedRecord } from './AuditRecord';
import { recordFromLogEntry } from './recordFromLogEntry';

const NODE = 'gke-example-cluster-default-pool-509a8c0a-4aaq';

const syscallPayload = {
  MESSAGE:
    'SYSCALL arch=c000003e syscall=59 success=yes exit=0 a0=63b29337fd18 items=2 ppid=10883 pid=10884 auid=1000 uid=0 tty=pts1 ses=1 comm="whoami" exe="/usr/bin/whoami" key=(null)',
  SYSLOG_IDENTIFIER: 'audit',
  _AUDIT_FIELD_ARCH: 'c000003e',
  _AUDIT_ID: '15558',
  _AUDIT_TYPE: '1300',
  _AUDIT_TYPE_NAME: 'SYSCALL',
  _EXE: '/usr/bin/whoami',
  _HOSTNAME: NODE,
  _SOURCE_REALTIME_TIMESTAMP: '1615114232375000',
  _TRANSPORT: 'audit',
};

/** The REST/JSON form, as fluent-bit's stackdriver output leaves it. */
function fluentBitEntry(payload: Record<string, unknown> = syscallPayload) {
  return {
    insertId: 'wn8y3pdyrtrqap',
    jsonPayload: payload,
    resource: {
      type: 'k8s_node',
      labels: {
        project_id: 'example-project',
        location: 'us-central1-a',
        cluster_name: 'example-cluster',
        node_name: NODE,
      },
    },
    timestamp: '2021-03-07T10:50:32.375088Z',
    logName: 'projects/example-project/logs/linux-auditd',
  };
}

function recordOf(result: ParsedRecord): AuditRecord {
  if (result.skipped) {
    throw new Error(`skipped: ${result.reason}`);
  }
  return result.record;
}

describe('recordFromLogEntry', () => {
  it('reads a fluent-bit (k8s_node) entry: MESSAGE, _AUDIT_ID, the audit time, the node', () => {
    const record = recordOf(recordFromLogEntry(fluentBitEntry()));

    expect(record).toEqual({
      node: NODE,
      serial: 15558,
      // _SOURCE_REALTIME_TIMESTAMP, not the entry's timestamp (journald's receive time).
      timeMs: 1615114232375,
      type: 'SYSCALL',
      fields: expect.anything(),
      text: syscallPayload.MESSAGE,
      insertId: 'wn8y3pdyrtrqap',
    });
    expect(record.fields.get('exe')).toBe('/usr/bin/whoami');
    expect(record.fields.get('comm')).toBe('whoami');
  });

  it('reads a client library Entry: metadata plus data', () => {
    const raw = fluentBitEntry();
    const entry = {
      metadata: {
        ...raw,
        timestamp: new Date('2021-03-07T10:50:32.375Z'),
        // The library keeps the Struct form here and converts into `data`.
        jsonPayload: { fields: {} },
        payload: 'jsonPayload',
      },
      data: syscallPayload,
    };

    const fromClient = recordOf(recordFromLogEntry(entry));
    expect(fromClient).toEqual(recordOf(recordFromLogEntry(raw)));
    expect(fromClient.fields.toJSON()).toMatchObject({
      comm: 'whoami',
      pid: '10884',
    });
  });

  it('reads a protobuf Struct payload (raw gRPC)', () => {
    const struct = {
      fields: Object.fromEntries(
        Object.entries(syscallPayload).map(([key, value]) => [
          key,
          { stringValue: value, kind: 'stringValue' },
        ]),
      ),
    };

    expect(recordOf(recordFromLogEntry(fluentBitEntry(struct))).serial).toBe(
      15558,
    );
  });

  it('takes the VM name of a fluentd (gce_instance) entry', () => {
    const entry = {
      insertId: 'hjh0nz9jedzc85',
      jsonPayload: { ...syscallPayload, _HOSTNAME: 'other' },
      resource: {
        type: 'gce_instance',
        labels: {
          project_id: 'p',
          instance_id: '569690344595461553',
          zone: 'z',
        },
      },
      labels: { 'compute.googleapis.com/resource_name': NODE },
    };

    expect(recordOf(recordFromLogEntry(entry)).node).toBe(NODE);
  });

  it('falls back to _HOSTNAME for the node, and to MESSAGE for the type', () => {
    const { _AUDIT_TYPE_NAME, ...payload } = syscallPayload;
    const record = recordOf(
      recordFromLogEntry({ insertId: 'x', jsonPayload: payload }),
    );

    expect(record.node).toBe(NODE);
    expect(record.type).toBe('SYSCALL');
    expect(_AUDIT_TYPE_NAME).toBe('SYSCALL');
  });

  it('takes the first of a repeated field (fluent-bit makes it an array)', () => {
    const record = recordOf(
      recordFromLogEntry(
        fluentBitEntry({
          ...syscallPayload,
          _AUDIT_ID: ['15558', '15558'],
          _AUDIT_FIELD_AUID: ['700', '701'],
        }),
      ),
    );

    expect(record.serial).toBe(15558);
  });

  it('reads a user-space record, msg opened', () => {
    const record = recordOf(
      recordFromLogEntry(
        fluentBitEntry({
          MESSAGE:
            'USER_LOGIN user pid=374 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="(unknown)" exe="/usr/sbin/sshd" hostname=localhost addr=1.2.3.4 terminal=ssh res=failed\'',
          _AUDIT_ID: '110544844',
          _AUDIT_TYPE_NAME: 'USER_LOGIN',
          _SOURCE_REALTIME_TIMESTAMP: '1553501549148000',
        }),
      ),
    );

    expect(record.fields.toJSON()).toMatchObject({
      acct: '(unknown)',
      res: 'failed',
      addr: '1.2.3.4',
    });
  });

  it('reads an auditd line forwarded as MESSAGE, stamp and all', () => {
    const record = recordOf(
      recordFromLogEntry(
        fluentBitEntry({
          MESSAGE:
            'type=EXECVE msg=audit(1615114232.375:15558): argc=1 a0="whoami"',
        }),
      ),
    );

    expect(record).toMatchObject({
      node: NODE,
      serial: 15558,
      timeMs: 1615114232375,
      type: 'EXECVE',
      text: 'EXECVE argc=1 a0="whoami"',
      insertId: 'wn8y3pdyrtrqap',
    });
  });

  it.each<[string, unknown, string]>([
    ['no payload', { insertId: 'i1', textPayload: 'hello' }, 'no jsonPayload'],
    ['no MESSAGE', fluentBitEntry({ _AUDIT_ID: '1' }), 'no MESSAGE'],
    [
      'an empty MESSAGE',
      fluentBitEntry({ ...syscallPayload, MESSAGE: '' }),
      'no MESSAGE',
    ],
    [
      'no _AUDIT_ID',
      fluentBitEntry({ ...syscallPayload, _AUDIT_ID: undefined }),
      'no _AUDIT_ID',
    ],
    [
      'a _AUDIT_ID that is no number',
      fluentBitEntry({ ...syscallPayload, _AUDIT_ID: '12a' }),
      'no _AUDIT_ID',
    ],
    [
      'no audit time',
      fluentBitEntry({ ...syscallPayload, _SOURCE_REALTIME_TIMESTAMP: 7 }),
      'no audit time (_SOURCE_REALTIME_TIMESTAMP)',
    ],
    [
      'a MESSAGE cut short',
      fluentBitEntry({
        ...syscallPayload,
        MESSAGE: 'EXECVE argc=2 a0="ls" a1="-la /ro',
        _AUDIT_TYPE_NAME: 'EXECVE',
      }),
      'EXECVE record cut short (a quote is never closed)',
    ],
    [
      'a forwarded line without a stamp',
      fluentBitEntry({ ...syscallPayload, MESSAGE: 'type=SYSCALL arch=x' }),
      'no msg=audit(…) stamp',
    ],
  ])('skips an entry with %s, saying why', (_, entry, reason) => {
    const insertId = (entry as { insertId?: string }).insertId;
    expect(recordFromLogEntry(entry)).toEqual({
      skipped: true,
      reason,
      ...(insertId ? { insertId } : {}),
    });
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [
      undefined,
      null,
      0,
      'MESSAGE',
      [],
      [fluentBitEntry()],
      {},
      { metadata: null, data: null },
      { metadata: 5, jsonPayload: syscallPayload },
      { jsonPayload: { MESSAGE: {} } },
      { jsonPayload: { MESSAGE: ['SYSCALL'], _AUDIT_ID: [] } },
      { jsonPayload: { fields: { MESSAGE: { listValue: {} } } } },
      { jsonPayload: syscallPayload, resource: 'k8s_node', labels: [] },
      { jsonPayload: syscallPayload, resource: { labels: { node_name: 5 } } },
    ];
    for (const entry of junk) {
      expect(() => recordFromLogEntry(entry)).not.toThrow();
    }
    expect(
      recordOf(
        recordFromLogEntry({
          jsonPayload: syscallPayload,
          resource: { labels: { node_name: 5 } },
        }),
      ).node,
    ).toBe(NODE);
  });
});
