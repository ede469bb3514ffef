export { CosAuditdService, DEFAULT_FILTERS } from './CosAuditdService';
export type { CallerContext, ClusterRef } from './CosAuditdService';
export { ClusterAuthorization } from './authorization';
