export { cosAuditdApiRef } from './CosAuditdApi';
export type { CosAuditdApi, CosAuditdHealth } from './CosAuditdApi';
export { CosAuditdClient } from './CosAuditdClient';
