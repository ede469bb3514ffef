import { LogEntryJson, MonitoredResource } from '../LogEntryJson';
import { LogStore } from '../LogStore';
import { InvalidArgumentError } from './InvalidArgumentError';

/** An entry as a write request carries it: log name and resource may come from the request. */
export type WrittenLogEntry = Omit<LogEntryJson, 'logName' | 'resource'> &
  Partial<Pick<LogEntryJson, 'logName' | 'resource'>>;

/** `WriteLogEntriesRequest`, as far as the simulator reads it. */
export type WriteLogEntriesRequest = {
  logName?: string;
  resource?: MonitoredResource;
  labels?: Record<string, string>;
  entries?: WrittenLogEntry[];
  partialSuccess?: boolean;
  dryRun?: boolean;
};

const LOG_NAME =
  /^(projects|organizations|folders|billingAccounts)\/[^/]+\/logs\/[^/]+$/;

/**
 * `entries.write`: applies the request's logName, resource and labels to
 * entries lacking them, then stores the valid ones. Invalid entries fail
 * the request with INVALID_ARGUMENT; with `partialSuccess` the valid ones
 * are stored anyway, as Cloud Logging does. Returns how many were stored.
 */
export function writeLogEntries(
  store: LogStore,
  request: WriteLogEntriesRequest,
): number {
  const valid: LogEntryJson[] = [];
  const problems: string[] = [];
  (request.entries ?? []).forEach((written, index) => {
    const entry = withRequestDefaults(written, request);
    const problem = problemOf(entry);
    if (problem) {
      problems.push(`entries[${index}]: ${problem}`);
    } else {
      valid.push(entry as LogEntryJson);
    }
  });
  const storeValid = problems.length === 0 || request.partialSuccess;
  if (storeValid && !request.dryRun) {
    store.write(valid);
  }
  if (problems.length > 0) {
    throw new InvalidArgumentError(
      `Log entry with invalid fields: ${problems.join('; ')}`,
    );
  }
  return request.dryRun ? 0 : valid.length;
}

function withRequestDefaults(
  written: WrittenLogEntry,
  request: WriteLogEntriesRequest,
): WrittenLogEntry {
  const labels =
    request.labels || written.labels
      ? { ...request.labels, ...written.labels }
      : undefined;
  return {
    ...written,
    logName: written.logName || request.logName,
    resource: written.resource ?? request.resource,
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

function problemOf(entry: WrittenLogEntry): string | undefined {
  if (!entry.logName) {
    return 'logName is missing (in the entry and in the request)';
  }
  if (!LOG_NAME.test(entry.logName)) {
    return `invalid logName "${entry.logName}"`;
  }
  if (!entry.resource?.type) {
    return 'resource is missing (in the entry and in the request)';
  }
  return undefined;
}
