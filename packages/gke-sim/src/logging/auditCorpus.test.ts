import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { Logging, LoggingOptions } from '@google-cloud/logging';
import { PassThroughClient } from 'google-auth-library';
import { Clock } from '../clock';
import { startLoggingServer } from './grpc';
import { loadLogEntries } from './loadLogEntries';
import { LogStore } from './LogStore';

process.env.METADATA_SERVER_DETECTION = 'none';

/** The shared audit corpus (never copied into the repository); scripts/test.sh finds it. */
const CORPUS = resolve(
  process.env.COS_AUDITD_AUDIT_CORPUS ??
    resolve(__dirname, '../../../../../shared/fixtures/audit-corpus'),
  'logentries.jsonl',
);
const describeWithCorpus = existsSync(CORPUS) ? describe : describe.skip;

if (!existsSync(CORPUS)) {
  // eslint-disable-next-line no-console
  console.log(`Skipping the audit corpus test: ${CORPUS} does not exist`);
}

describeWithCorpus('the audit corpus', () => {
  it('reads all 820 preloaded entries back through the client, page by page', async () => {
    const store = LogStore.create({ clock: new Clock() });
    await loadLogEntries(store, CORPUS);
    const server = await startLoggingServer({ store });
    try {
      const options: LoggingOptions & { sslCreds: unknown } = {
        apiEndpoint: '127.0.0.1',
        port: server.port,
        sslCreds: credentials.createInsecure(),
        authClient: new PassThroughClient(),
        projectId: 'example-project',
      };
      const logging = new Logging(options);

      const insertIds = new Set<string>();
      let pageToken: string | undefined;
      do {
        const [entries, request] = await logging.getEntries({
          autoPaginate: false,
          filter:
            'logName="projects/example-project/logs/linux-auditd" AND resource.type="k8s_node" AND timestamp>="2000-01-01T00:00:00Z"',
          orderBy: 'timestamp asc',
          pageSize: 300,
          pageToken,
          gaxOptions: { timeout: 10_000, retry: null },
        });
        entries.forEach(entry => insertIds.add(entry.metadata.insertId!));
        pageToken = (request as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);

      expect(insertIds.size).toBe(820);
    } finally {
      await server.close();
    }
  });
});
