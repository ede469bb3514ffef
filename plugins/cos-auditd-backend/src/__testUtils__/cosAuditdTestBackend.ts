import { Entity } from '@backstage/catalog-model';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RunningCluster, RunningSimulator } from '@cos-auditd/gke-sim';
import request from 'supertest';
import { JsonObject } from '@backstage/types';
import { cosAuditdPlugin } from '../plugin';

/** A catalog entity for a simulated cluster, as examples/clusters.yaml writes them. */
export function simulatedClusterEntity(
  cluster: Pick<RunningCluster, 'name' | 'apiServer' | 'project' | 'location'>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      namespace: 'default',
      annotations: {
        'kubernetes.io/api-server': cluster.apiServer,
        'kubernetes.io/auth-provider': 'serviceAccount',
        'cos-auditd.io/gcp-project': cluster.project,
        'cos-auditd.io/gke-location': cluster.location,
        ...annotations,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

/** `cosAuditd` config that reaches every simulated cluster with its admin token. */
export function simulatorConfig(
  sim: RunningSimulator,
  overrides: JsonObject = {},
): JsonObject {
  return {
    dangerouslyAllowClusterUrls: sim.clusters.map(c => c.apiServer),
    clusters: sim.clusters.map(c => ({
      entityRef: `resource:default/${c.name}`,
      serviceAccountToken: c.adminToken,
    })),
    kubernetes: { timeoutMs: 2000, readRetries: 1 },
    remove: { disableTimeoutMs: 20_000, pollIntervalMs: 100 },
    logging: {
      apiEndpoint: sim.logging.endpoint,
      dangerouslyUseInsecureChannel: true,
      timeoutMs: 3000,
    },
    ...overrides,
  };
}

/**
 * The plugin in a test backend, with an in-memory catalog of the
 * simulator's clusters and the real database service (SQLite in memory
 * unless a database factory is given).
 */
export async function startCosAuditdBackend(options: {
  sim: RunningSimulator;
  entities?: Entity[];
  config?: JsonObject;
  /** Config outside `cosAuditd`, e.g. `backend.auth`. */
  rootConfig?: JsonObject;
  features?: ServiceFactory[];
}) {
  const entities =
    options.entities ??
    options.sim.clusters.map(cluster => simulatedClusterEntity(cluster));
  const backend = await startTestBackend({
    features: [
      cosAuditdPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          cosAuditd: options.config ?? simulatorConfig(options.sim),
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    api: () => request(backend.server),
    stop: () => backend.stop(),
  };
}
