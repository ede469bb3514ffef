export { computeClusterStatus, isAutopilot } from './computeClusterStatus';
export type { ClusterSnapshot, ComputedStatus } from './computeClusterStatus';
export { lockedNodeOutcomes, readNodeOutcomes } from './nodeOutcomes';
export { planNodeRecreation } from './planNodeRecreation';
