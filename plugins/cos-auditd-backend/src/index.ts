/**
 * The cos-auditd backend plugin.
 *
 * @packageDocumentation
 */
export { cosAuditdPlugin as default } from './plugin';
