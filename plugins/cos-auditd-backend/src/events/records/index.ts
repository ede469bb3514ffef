export { AuditFields } from './AuditFields';
export type { AuditRecord, ParsedRecord, SkippedRecord } from './AuditRecord';
export { bytesText, hexText } from './auditHex';
export { parseAuditBody, parseAuditFields } from './parseAuditFields';
export type { ParsedBody } from './parseAuditFields';
export { parseAuditLine, parseAuditLines } from './parseAuditLine';
export type { AuditLineOptions } from './parseAuditLine';
export { recordFromLogEntry } from './recordFromLogEntry';
export type { LogEntryJson, LoggingClientEntry } from './recordFromLogEntry';
