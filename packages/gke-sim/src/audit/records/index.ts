export { AUDIT_RECORD_TYPES } from './AuditRecord';
export type { AuditEvent, AuditRecord, AuditRecordType } from './AuditRecord';
export { auditString, hexOf, needsHex, proctitleValue } from './auditEncoding';
export { execveRecords, UNSET_ID } from './syscallRecords';
export type { Execve, ProcessIdentity } from './syscallRecords';
export { pamRecord, userCommandRecord, userLoginRecord } from './userRecords';
export type { Login, Sender } from './userRecords';
export { journaldFields } from './journaldFields';
export type { JournalFields } from './journaldFields';
