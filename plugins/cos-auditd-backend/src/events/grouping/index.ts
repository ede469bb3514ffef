export { groupAuditEvents } from './groupAuditEvents';
export type {
  GroupedEvents,
  GroupOptions,
  IncompleteEvent,
} from './groupAuditEvents';
export { execveArguments, execveEvent, isExecveSyscall } from './execveEvent';
export type { ExecveArguments, ExecveRecords } from './execveEvent';
export { loginEvent } from './loginEvent';
export { auditStamp, eventId } from './fieldValues';
export {
  EXECVE_RECORD_TYPES,
  EXECVE_SYSCALLS,
  LOGIN_RECORD_TYPES,
} from './recordTypes';
