export { auditLogEntry, AUDIT_LOG_ID } from './auditLogEntry';
export { journalRecord } from './journalRecord';
export type { NodeJournal } from './journalRecord';
