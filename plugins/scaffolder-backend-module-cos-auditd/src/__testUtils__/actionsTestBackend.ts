import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
// Test only: the integration tests run the actions against the real backend
// plugin. The actions themselves only use its REST API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cosAuditdPlugin from '@cos-auditd/backstage-plugin-cos-auditd-backend';
import { RunningCluster, RunningSimulator } from '@cos-auditd/gke-sim';

// The entity and config builders mirror the cos-auditd backend's own test
// utilities (plugins/cos-auditd-backend/src/__testUtils__), which are not
// part of its public API.

/** A catalog entity for a simulated cluster, as examples/clusters.yaml writes them. */
export function simulatedClusterEntity(
  cluster: Pick<RunningCluster, 'name' | 'apiServer' | 'project' | 'location'>,
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
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

/** `cosAuditd` config that reaches every simulated cluster with its admin token. */
export function simulatorConfig(sim: RunningSimulator): JsonObject {
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
  };
}

/**
 * The cos-auditd backend plugin in a test backend with the simulator's
 * clusters in the catalog, next to a stand-in for the scaffolder (plugin
 * id `scaffolder`) that hands out its discovery and auth services, so the
 * actions call the real REST API with real plugin-to-plugin tokens.
 *
 * The permission policy allows everything except for the users in
 * `deniedUsers`.
 */
export async function startActionsTestBackend(options: {
  sim: RunningSimulator;
  deniedUsers?: string[];
}) {
  let services: { discovery: DiscoveryService; auth: AuthService } | undefined;
  const scaffolderStandIn = createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerInit({
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
        },
        async init(deps) {
          services = deps;
        },
      });
    },
  });

  const denied = new Set(options.deniedUsers ?? []);
  const permissions = mockServices.permissions.mock({
    async authorize(requests, { credentials }) {
      const principal = credentials.principal as { userEntityRef?: string };
      const result =
        principal.userEntityRef && denied.has(principal.userEntityRef)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW;
      return requests.map(() => ({ result }));
    },
  });

  const backend = await startTestBackend({
    features: [
      cosAuditdPlugin,
      scaffolderStandIn,
      permissions.factory,
      catalogServiceMock.factory({
        entities: options.sim.clusters.map(c => simulatedClusterEntity(c)),
      }),
      mockServices.rootConfig.factory({
        data: { cosAuditd: simulatorConfig(options.sim) },
      }),
    ],
  });
  if (!services) {
    throw new Error('the scaffolder stand-in did not start');
  }
  return { ...services, server: backend.server, stop: () => backend.stop() };
}
