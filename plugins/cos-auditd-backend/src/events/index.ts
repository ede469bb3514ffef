/**
 * Audit events read back from Cloud Logging: the query and its filter, the
 * Logging client, the record parser and the grouping into events.
 */
export { readAuditEvents } from './readAuditEvents';
export { CloudLoggingReader, LogApiError, LogApiTimeoutError } from './logging';
export type { CloudLoggingSettings, LogCredentials } from './logging';
export { parseEventsQuery, EVENTS_QUERY_LIMITS } from './query';
export type { EventsQuery } from './query';
