/**
 * What a simulated GKE looks like: its clusters, their node pools, and how
 * fast things happen. Plain data, so it can come from flags, a file or a test.
 */

/** The operating system image of a node pool. Only `cos` is covered by cos-auditd. */
export type NodeOs = 'cos' | 'ubuntu' | 'windows';

/** A GKE node pool. */
export type NodePoolSpec = {
  name: string;
  /** How many nodes the pool has. */
  nodes: number;
  os: NodeOs;
  /** CPU architecture; GKE has Arm (`arm64`) node pools too. Default `amd64`. */
  arch?: 'amd64' | 'arm64';
  /** Machine type label, e.g. `e2-standard-4`. */
  machineType?: string;
  /** Zones the pool's nodes are spread over; default: `<cluster location>-b` or the zone itself. */
  zones?: string[];
  /** Taints put on every node of the pool. */
  taints?: Array<{
    key: string;
    value?: string;
    effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  }>;
  /**
   * Whether the disable DaemonSet fails to unlock this pool's audit
   * configuration (its init container then reports `locked`, not `disabled`).
   */
  auditLocked?: boolean;
};

/** A simulated GKE cluster. */
export type ClusterSpec = {
  name: string;
  /** Google Cloud project id. */
  project: string;
  /** Zone (`europe-west1-b`) or region (`europe-west1`). */
  location: string;
  /** Autopilot clusters have `gk3-` nodes and refuse privileged pods. */
  autopilot?: boolean;
  pools: NodePoolSpec[];
};

/** How long the DaemonSet controller takes for each step of a pod's life. */
export type RolloutTiming = {
  /** From pod creation to the init container running (image pull, scheduling). */
  podStartMs: number;
  /** How long the init container runs. */
  initMs: number;
  /** From the main container starting to it being Ready. */
  readyMs: number;
};

/** Rollout timing for tests: a few milliseconds per step. */
export const FAST_ROLLOUT: RolloutTiming = {
  podStartMs: 5,
  initMs: 5,
  readyMs: 5,
};

/** Rollout timing for the demo: a few seconds, so a person can watch it. */
export const DEMO_ROLLOUT: RolloutTiming = {
  podStartMs: 1500,
  initMs: 1500,
  readyMs: 1000,
};

/** Faults that a cluster can be told to have, at start or at run time. */
export type PoolFault = 'ImagePullBackOff' | 'CrashLoopBackOff' | 'InitError';

/** The fault settings of one cluster. Everything off by default. */
export type ClusterFaults = {
  /** Pod faults, by node pool name. */
  pools: Record<string, PoolFault | undefined>;
  /** Extra latency on every Kubernetes API answer. */
  apiLatencyMs: number;
  /** Share (0..1) of Kubernetes API requests answered 500. */
  errorRate500: number;
  /** Share (0..1) of Kubernetes API requests answered 429 with Retry-After. */
  errorRate429: number;
  /** The API server refuses connections (nothing listens on its port). */
  refuseConnections: boolean;
  /** The API server accepts connections and never answers. */
  hang: boolean;
};

/** Fault settings with everything off. */
export function noFaults(): ClusterFaults {
  return {
    pools: {},
    apiLatencyMs: 0,
    errorRate500: 0,
    errorRate429: 0,
    refuseConnections: false,
    hang: false,
  };
}
