export { ClusterResolver, clusterEntityRef } from './ClusterResolver';
export { clusterUrlProblem } from './clusterUrlPolicy';
export { AUTH_PROVIDERS } from './ClusterTarget';
export type { AuthProvider, ClusterTarget } from './ClusterTarget';
