export { EventsCard } from './EventsCard';
export type { EventsCardProps } from './EventsCard';
export { useAuditEvents, AUDIT_EVENTS_PAGE_SIZE } from './useAuditEvents';
export type { AuditEventsQuery, UseAuditEventsResult } from './useAuditEvents';
export {
  appendAuditEvents,
  formatExecveUser,
  toAuditEventRow,
} from './auditEventRows';
export type { AuditEventOutcome, AuditEventRow } from './auditEventRows';
export { EVENT_TIME_RANGES, DEFAULT_EVENT_TIME_RANGE_MS } from './timeRanges';
export type { EventTimeRange } from './timeRanges';
