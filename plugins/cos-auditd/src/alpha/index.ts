export { cosAuditdPlugin as default } from './plugin';
