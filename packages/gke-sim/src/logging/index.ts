/**
 * The simulated Cloud Logging: an in-memory log store, the Logging query
 * language subset, and `google.logging.v2.LoggingServiceV2` over gRPC.
 */
export { LogStore } from './LogStore';
export type { LogScan, LogStoreOptions } from './LogStore';
export { loadLogEntries } from './loadLogEntries';
export { startLoggingServer } from './grpc';
export type { LoggingServer, LoggingServerOptions } from './grpc';
export { listLogEntries, writeLogEntries, InvalidArgumentError } from './api';
export type {
  ListLogEntriesPage,
  ListLogEntriesRequest,
  WriteLogEntriesRequest,
} from './api';
export { parseFilter, compileFilter, FilterSyntaxError } from './filter';
export type { FilterExpression, EntryPredicate } from './filter';
export {
  formatLogTime,
  parseLogTime,
  addNanos,
  logTimeOfDate,
} from './LogTime';
export type { LogTime } from './LogTime';
export type {
  JsonObject,
  JsonValue,
  LogEntryJson,
  MonitoredResource,
  StoredLogEntry,
} from './LogEntryJson';
