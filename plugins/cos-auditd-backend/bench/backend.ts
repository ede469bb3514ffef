/**
 * The cos-auditd plugin in a Backstage backend in this process, as the
 * plugin's own tests start it (`startTestBackend`, an in-memory catalog,
 * SQLite in memory, mock auth), listening on a free port and called over
 * real HTTP. Nothing here needs Jest: the test backend registers its
 * `afterAll` clean-up only when Jest's globals exist, and the factories
 * used here (not the `.mock()` ones) make no `jest.fn()`.
 *
 * The database is a better-sqlite3 knex made here rather than the default
 * database service: Backstage's DatabaseManager deliberately leaves SQLite
 * connections open at shutdown, and their pool's reaping interval would
 * keep this process alive after `backend.stop()`.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KUBERNETES_ANNOTATIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import knexFactory from 'knex';
import { simulatedClusterEntity } from '../src/__testUtils__';
import { cosAuditdPlugin } from '../src/plugin';
import type { SimulatedCluster } from './simulatorProcess';

export type BenchBackend = {
  baseUrl: string;
  /** One request with a user's token; resolves once the whole body is read. */
  request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ ms: number; status: number; text: string }>;
  stop(): Promise<void>;
};

export async function startBenchBackend(
  cluster: SimulatedCluster,
): Promise<BenchBackend> {
  // The entity the demo catalog would have for this cluster, plus the
  // simulator's CA as the Kubernetes plugin's annotation carries it.
  const entity = simulatedClusterEntity(cluster, {
    [KUBERNETES_ANNOTATIONS.apiServerCertificateAuthority]: Buffer.from(
      cluster.ca!,
    ).toString('base64'),
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: {
      // As Backstage's SQLite connector does.
      afterCreate: (
        connection: { pragma(statement: string): unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) => {
        connection.pragma('foreign_keys = ON');
        done(null, connection);
      },
    },
  });
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  try {
    backend = await startTestBackend({
      features: [
        cosAuditdPlugin,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            cosAuditd: {
              // The simulator listens on loopback, which the URL policy refuses otherwise.
              dangerouslyAllowClusterUrls: [cluster.apiServer],
              clusters: [
                {
                  entityRef: `resource:default/${cluster.name}`,
                  serviceAccountToken: cluster.adminToken,
                },
              ],
            },
          },
        }),
      ],
    });
  } catch (error) {
    await knex.destroy();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  const authorization = mockCredentials.user.header();

  return {
    baseUrl,
    async request(method, path, body) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { ms: performance.now() - started, status: response.status, text };
    },
    async stop() {
      try {
        await backend.stop();
      } finally {
        await knex.destroy();
      }
    },
  };
}
