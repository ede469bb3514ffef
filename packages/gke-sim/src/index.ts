/**
 * A simulated GKE for the cos-auditd demo and tests: Kubernetes APIs with a
 * DaemonSet controller, Cloud Logging over gRPC, and audit traffic.
 *
 * @packageDocumentation
 */
export { startGkeSimulator, IN_PROCESS_DEFAULTS } from './startGkeSimulator';
export type { RunningCluster, RunningSimulator } from './startGkeSimulator';
export type { SimulatorDescription } from './describe';
export * from './config';
export { Clock } from './clock';
// The object store's resource types, for tests that look at or seed a
// simulated cluster's objects directly (`cluster.store.list(DAEMONSETS)`).
export { CONFIGMAPS, DAEMONSETS, NAMESPACES, NODES, PODS } from './kube';
export type { KubeObject } from './kube';
export { COS_AUDITD, SimulatedCluster } from './cluster';
// The audit record writers and the agents' shipping shape, so consumers can
// check their parsers against exactly what the simulator writes.
export {
  auditLogEntry,
  execveRecords,
  journalRecord,
  pamRecord,
  userCommandRecord,
  userLoginRecord,
} from './audit';
export type {
  AgentNode,
  AuditSource,
  AuditRecord as SimulatedAuditRecord,
  Execve,
} from './audit';
