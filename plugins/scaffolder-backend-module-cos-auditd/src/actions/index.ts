export { createCosAuditdEnableAction, ENABLE_ACTION_ID } from './enable';
export { createCosAuditdDisableAction, DISABLE_ACTION_ID } from './disable';
export { CosAuditdResponseError } from './CosAuditdApi';
export type { ConflictRetryOptions } from './CosAuditdApi';
