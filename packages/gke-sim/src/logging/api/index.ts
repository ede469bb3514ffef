export { listLogEntries, projectOfLogName } from './listLogEntries';
export type {
  ListLogEntriesPage,
  ListLogEntriesRequest,
} from './listLogEntries';
export { writeLogEntries } from './writeLogEntries';
export type {
  WriteLogEntriesRequest,
  WrittenLogEntry,
} from './writeLogEntries';
export { InvalidArgumentError } from './InvalidArgumentError';
