import { mockServices } from '@backstage/backend-test-utils';
import type { RunningCluster } from '@cos-auditd/gke-sim';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterAuth, ClusterConnection } from '../ClusterConnection';
import { KubeGateway, KubeGatewayOptions } from '../KubeGateway';

/** A connection to a simulated cluster, with its admin token unless told otherwise. */
export function connectionTo(
  cluster: RunningCluster,
  auth: ClusterAuth = { provider: 'serviceAccount', token: cluster.adminToken },
): ClusterConnection {
  return {
    entityRef: `resource:default/${cluster.name}`,
    url: cluster.apiServer,
    // What a kubeconfig for the plain-HTTP simulator must say; the gateway's
    // own agents do not need it, but connections built from config carry it.
    skipTLSVerify: true,
    auth,
  };
}

/** A gateway whose log lines the test can read. */
export function testGateway(options: Partial<KubeGatewayOptions> = {}) {
  const logger = mockServices.logger.mock();
  const gateway = KubeGateway.create({ logger, ...options });
  return { gateway, logger };
}

export function namespace(name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function configMap(
  ns: string,
  name: string,
  data: Record<string, string>,
): KubernetesObject & { data: Record<string, string> } {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels: { app: name } },
    data,
  };
}

/** A DaemonSet on every COS node whose pods carry `name: <name>`. */
export function daemonSet(ns: string, name: string): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { name } },
      template: {
        metadata: { labels: { name } },
        spec: {
          nodeSelector: { 'cloud.google.com/gke-os-distribution': 'cos' },
          containers: [{ name: 'agent', image: 'example.com/agent:1' }],
        },
      },
    },
  } as KubernetesObject;
}

/** Calls `read` until `done` says its result is what the test waits for. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
