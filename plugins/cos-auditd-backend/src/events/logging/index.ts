export { CloudLoggingReader } from './CloudLoggingReader';
export type {
  CloudLoggingSettings,
  LogCredentials,
  LogEntriesPage,
} from './CloudLoggingReader';
export { LogApiError, LogApiTimeoutError } from './errors';
