export { cosAuditdApiRef } from './CosAuditdApi';
export type {
  CosAuditdApi,
  CosAuditdClusterRequestOptions,
  CosAuditdHealth,
  ListAuditEventsQuery,
  ListOperationsQuery,
} from './CosAuditdApi';
export { CosAuditdClient } from './CosAuditdClient';
