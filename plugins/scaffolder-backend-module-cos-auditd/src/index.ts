/**
 * Scaffolder actions that enable and disable cos-auditd on a GKE cluster.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCosAuditd as default } from './module';
