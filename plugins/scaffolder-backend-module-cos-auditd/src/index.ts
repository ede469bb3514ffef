/**
 * Scaffolder actions that enable and disable cos-auditd on a GKE cluster.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCosAuditd as default } from './module';
export {
  createCosAuditdDisableAction,
  createCosAuditdEnableAction,
  CosAuditdResponseError,
  DISABLE_ACTION_ID,
  ENABLE_ACTION_ID,
} from './actions';
export type { ConflictRetryOptions } from './actions';
