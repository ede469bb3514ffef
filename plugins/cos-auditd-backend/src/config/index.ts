export { readCosAuditdConfig } from './CosAuditdConfig';
export type { CosAuditdConfig } from './CosAuditdConfig';
