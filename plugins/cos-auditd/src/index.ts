/**
 * The cos-auditd frontend plugin: Linux audit logging on GKE
 * Container-Optimized OS nodes, per catalog cluster.
 *
 * @packageDocumentation
 */
export { cosAuditdPlugin, EntityCosAuditdContent } from './plugin';
export { isCosAuditdAvailable } from './isCosAuditdAvailable';
export * from './api';
export * from './components';
