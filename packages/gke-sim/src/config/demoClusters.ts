import { ClusterSpec } from './types';

/**
 * The demo's clusters, matching the catalog entities in `examples/clusters.yaml`:
 * a production cluster with COS pools on amd64 and arm64 and an Ubuntu pool,
 * a small development cluster, and an Autopilot cluster.
 */
export const DEMO_CLUSTERS: ClusterSpec[] = [
  {
    name: 'demo-gke-prod',
    project: 'demo-project',
    location: 'europe-west1',
    pools: [
      {
        name: 'default-pool',
        nodes: 3,
        os: 'cos',
        machineType: 'e2-standard-4',
        zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
      },
      {
        name: 'arm-pool',
        nodes: 2,
        os: 'cos',
        arch: 'arm64',
        machineType: 't2a-standard-4',
        zones: ['europe-west1-b'],
        // Shows the disable DaemonSet's "locked" outcome in the demo.
        auditLocked: true,
      },
      {
        name: 'ubuntu-pool',
        nodes: 2,
        os: 'ubuntu',
        machineType: 'e2-standard-4',
        zones: ['europe-west1-c'],
      },
    ],
  },
  {
    name: 'demo-gke-dev',
    project: 'demo-project',
    location: 'europe-west1-b',
    pools: [
      { name: 'default-pool', nodes: 2, os: 'cos', machineType: 'e2-medium' },
    ],
  },
  {
    name: 'demo-autopilot',
    project: 'demo-project',
    location: 'us-central1',
    autopilot: true,
    pools: [
      {
        name: 'default-pool',
        nodes: 2,
        os: 'cos',
        machineType: 'ek-standard-8',
        zones: ['us-central1-a', 'us-central1-b'],
      },
    ],
  },
];

/** Where the simulator listens by default; `app-config.yaml` points here. */
export const DEFAULT_PORTS = {
  /** The first cluster's Kubernetes API; the next clusters take the ports after it. */
  kubeApi: 16443,
  /** Cloud Logging (gRPC). */
  logging: 18085,
  /** The simulator's own admin endpoint (faults, clock, audit ticks). */
  admin: 18080,
} as const;

/**
 * The demo's bearer tokens for a cluster. They guard a simulator on loopback,
 * so they are fixed and public; in-process simulators for tests use random ones.
 */
export function demoTokens(clusterName: string) {
  return {
    adminToken: `gke-sim-admin-${clusterName}`,
    readOnlyToken: `gke-sim-read-only-${clusterName}`,
  };
}
