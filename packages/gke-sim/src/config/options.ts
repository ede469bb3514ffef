import { ClusterFaults, ClusterSpec, RolloutTiming } from './types';

/** One cluster of a simulator, with where and how its API is served. */
export type SimulatedClusterOptions = ClusterSpec & {
  /** Kubernetes API port; 0 or absent picks a free port. */
  port?: number;
  /** Bearer token that may do anything; random when absent. */
  adminToken?: string;
  /** Bearer token that may only read; random when absent. */
  readOnlyToken?: string;
  /** Faults the cluster starts with. */
  faults?: Partial<ClusterFaults>;
};

/** Everything `startGkeSimulator` needs; every field has a default. */
export type SimulatorOptions = {
  /** Address everything listens on. Default 127.0.0.1. */
  host: string;
  clusters: SimulatedClusterOptions[];
  /** Serve the Kubernetes APIs over HTTPS with a CA generated at start. */
  tls: boolean;
  /** Cloud Logging gRPC port; 0 picks a free port. */
  loggingPort: number;
  /** Admin endpoint port; 0 picks a free port, `false` serves none. */
  adminPort: number | false;
  /** Seed of the audit generator, so traffic is the same run after run. */
  seed: number;
  timing: RolloutTiming;
  /** How often audit traffic is generated; `false` only on demand (tests). */
  auditIntervalMs: number | false;
  /** LogEntry objects (Cloud Logging JSON form), one a line, to preload. */
  logEntriesFile?: string;
};
