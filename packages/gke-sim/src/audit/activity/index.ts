export { NodeActivity } from './NodeActivity';
export type { NodeAuditEvent } from './NodeActivity';
