/**
 * The audit generator: realistic journald audit records for nodes whose
 * log agent is Ready, filtered and shaped as the live agent ships them.
 */
export { AuditGenerator } from './AuditGenerator';
export type { AuditGeneratorOptions } from './AuditGenerator';
export type { AgentConfig, AgentNode, AuditSource } from './AuditSource';
export { AgentPipeline, parseFluentBitConfig } from './agentConfig';
export type { FluentBitConfig, FluentBitSection } from './agentConfig';
export {
  execveRecords,
  journaldFields,
  pamRecord,
  userCommandRecord,
  userLoginRecord,
} from './records';
export type { AuditRecord, Execve, JournalFields } from './records';
export { auditLogEntry, journalRecord } from './shipping';
