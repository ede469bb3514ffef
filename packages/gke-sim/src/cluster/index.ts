export { SimulatedCluster, COS_AUDITD } from './SimulatedCluster';
export type { SimulatedClusterOptions } from './SimulatedCluster';
export { GKE_VERSION, INSTANCE_ID_ANNOTATION } from './nodeGeneration';
