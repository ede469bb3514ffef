import * as k8s from '@kubernetes/client-node';
import { Clock } from '../../clock';
import {
  ClusterFaults,
  ClusterSpec,
  FAST_ROLLOUT,
  NodePoolSpec,
  RolloutTiming,
} from '../../config/types';
import { KubeApiServer, startKubeApiServer } from '../../kube';
import { SimulatedCluster } from '../SimulatedCluster';

/** Test-only support: a running simulated cluster and real clients for it. */
export type RunningTestCluster = {
  cluster: SimulatedCluster;
  server: KubeApiServer;
  adminToken: string;
  readOnlyToken: string;
  kubeConfig(token?: string): k8s.KubeConfig;
  stop(): Promise<void>;
};

export function pool(
  name: string,
  nodes: number,
  extra: Partial<NodePoolSpec> = {},
): NodePoolSpec {
  return { name, nodes, os: 'cos', ...extra };
}

export function clusterSpec(overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    name: 'test-cluster',
    project: 'test-project',
    location: 'europe-west1',
    pools: [pool('default-pool', 3), pool('ubuntu-pool', 2, { os: 'ubuntu' })],
    ...overrides,
  };
}

/** Starts a cluster (FAST rollout) and its API server on a free port. */
export async function startTestCluster(
  options: {
    spec?: Partial<ClusterSpec>;
    tls?: boolean;
    faults?: Partial<ClusterFaults>;
    timing?: RolloutTiming;
  } = {},
): Promise<RunningTestCluster> {
  const cluster = SimulatedCluster.create({
    spec: clusterSpec(options.spec),
    timing: options.timing ?? FAST_ROLLOUT,
    clock: new Clock(),
    faults: options.faults,
  });
  cluster.start();
  const adminToken = 'test-admin-token';
  const readOnlyToken = 'test-read-only-token';
  const server = await startKubeApiServer(cluster, {
    adminToken,
    readOnlyToken,
    tls: options.tls,
  });
  return {
    cluster,
    server,
    adminToken,
    readOnlyToken,
    kubeConfig: (token = adminToken) => kubeConfigFor(server, token),
    async stop() {
      await server.close();
      cluster.stop();
    },
  };
}

export function kubeConfigFor(
  server: KubeApiServer,
  token: string,
): k8s.KubeConfig {
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      server.ca
        ? {
            name: 'sim',
            server: server.url,
            caData: Buffer.from(server.ca).toString('base64'),
            skipTLSVerify: false,
          }
        : { name: 'sim', server: server.url, skipTLSVerify: true },
    ],
    users: [{ name: 'sim', token }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
    currentContext: 'sim',
  });
  return kubeConfig;
}

/** Per-call options that abort a client call after `ms` (the client has no timeout option). */
export function timeoutAfter(ms: number) {
  return {
    middleware: [
      {
        pre: (context: k8s.RequestContext) => {
          context.setSignal(AbortSignal.timeout(ms));
          return new k8s.Observable(Promise.resolve(context));
        },
        post: (context: k8s.ResponseContext) =>
          new k8s.Observable(Promise.resolve(context)),
      },
    ],
  };
}

/** Server-side apply through the real client, as the backend does it. */
export function applyObject(
  kubeConfig: k8s.KubeConfig,
  object: k8s.KubernetesObject,
  options: { manager?: string; force?: boolean; dryRun?: boolean } = {},
): Promise<k8s.KubernetesObject> {
  return k8s.KubernetesObjectApi.makeApiClient(kubeConfig).patch(
    object,
    undefined,
    options.dryRun ? 'All' : undefined,
    options.manager ?? 'cos-auditd-test',
    options.force ?? false,
    k8s.PatchStrategy.ServerSideApply,
  );
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met in ${timeoutMs} ms${
          lastError ? `: ${lastError}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** The parsed Status body of a failed client call. */
export type StatusBody = {
  kind?: string;
  status?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: {
    causes?: Array<{ reason: string; message: string; field?: string }>;
    retryAfterSeconds?: number;
  };
};

export async function statusOf(
  call: Promise<unknown>,
): Promise<{ code: number; body: StatusBody }> {
  try {
    await call;
  } catch (error) {
    const apiError = error as { code?: number; body?: unknown };
    if (typeof apiError.code === 'number') {
      const body =
        typeof apiError.body === 'string'
          ? JSON.parse(apiError.body)
          : apiError.body;
      return { code: apiError.code, body };
    }
    throw error;
  }
  throw new Error('the call succeeded');
}
