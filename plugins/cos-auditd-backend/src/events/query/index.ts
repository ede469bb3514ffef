export { parseEventsQuery, EVENTS_QUERY_LIMITS } from './EventsQuery';
export type { EventsQuery } from './EventsQuery';
export { encodePageToken } from './pageToken';
export {
  AUDIT_LOG_ID,
  EXECVE_COMPANION_TYPES,
  clusterScope,
  companionsFilter,
  eventsFilter,
  logsExplorerUrl,
  quote,
} from './auditLogFilter';
export type { AuditLogSource } from './auditLogFilter';
