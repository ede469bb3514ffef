export { EntityCosAuditdContent } from './EntityCosAuditdContent';
export { ClusterAuditLogging } from './ClusterAuditLogging';
export type { ClusterAuditLoggingProps } from './ClusterAuditLogging';
