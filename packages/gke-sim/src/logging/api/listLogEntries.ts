import {
  compileFilter,
  FilterSyntaxError,
  parseFilter,
  timeRangeOf,
} from '../filter';
import { FilterExpression } from '../filter';
import { StoredLogEntry } from '../LogEntryJson';
import { LogStore } from '../LogStore';
import { InvalidArgumentError } from './InvalidArgumentError';
import { QueryIdentity, readPageToken, writePageToken } from './pageToken';

/** `ListLogEntriesRequest`, as far as the simulator reads it. */
export type ListLogEntriesRequest = {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
};

/** One page of entries. */
export type ListLogEntriesPage = {
  entries: StoredLogEntry[];
  /** Set only when more matching entries exist. */
  nextPageToken?: string;
};

/** Cloud Logging's documented default page size and the largest it accepts. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const MAX_FILTER_LENGTH = 20_000;

/**
 * `entries.list` over the store: entries of the listed projects that match
 * the filter, in timestamp order (then insertId), one page at a time.
 */
export function listLogEntries(
  store: LogStore,
  request: ListLogEntriesRequest,
): ListLogEntriesPage {
  const resourceNames = request.resourceNames ?? [];
  const projects = projectsOf(resourceNames);
  const order = orderOf(request.orderBy);
  const pageSize = pageSizeOf(request.pageSize);
  const filter = request.filter ?? '';
  const expression = parsedFilter(filter);
  const matches = compileFilter(expression);
  const query: QueryIdentity = { resourceNames, filter, order };
  const after = request.pageToken
    ? readPageToken(query, request.pageToken)
    : undefined;

  const entries: StoredLogEntry[] = [];
  let lastKey: string | undefined;
  let more = false;
  for (const { key, entry } of store.scan({
    order,
    after,
    ...timeRangeOf(expression),
  })) {
    if (!projects.has(projectOfLogName(entry.logName)) || !matches(entry)) {
      continue;
    }
    if (entries.length === pageSize) {
      more = true;
      break;
    }
    entries.push(entry);
    lastKey = key;
  }
  return {
    entries,
    nextPageToken:
      more && lastKey !== undefined
        ? writePageToken(query, lastKey)
        : undefined,
  };
}

/** The project of `projects/P/logs/L`, or undefined for other parents. */
export function projectOfLogName(logName: string): string | undefined {
  const match = /^projects\/([^/]+)\/logs\//.exec(logName);
  return match?.[1];
}

function projectsOf(resourceNames: string[]): Set<string | undefined> {
  if (resourceNames.length === 0) {
    throw new InvalidArgumentError('resourceNames is required');
  }
  const projects = new Set<string | undefined>();
  for (const name of resourceNames) {
    // `projects/P` or a log view `projects/P/locations/L/buckets/B/views/V`.
    const match =
      /^projects\/([^/]+)(\/locations\/[^/]+\/buckets\/[^/]+\/views\/[^/]+)?$/.exec(
        name,
      );
    if (match) {
      projects.add(match[1]);
    } else if (!/^(organizations|folders|billingAccounts)\/[^/]+$/.test(name)) {
      throw new InvalidArgumentError(`Invalid resource name "${name}"`);
    }
  }
  return projects;
}

function orderOf(orderBy: string | undefined): 'asc' | 'desc' {
  const normalized = (orderBy ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (
    normalized === '' ||
    normalized === 'timestamp asc' ||
    normalized === 'timestamp'
  ) {
    return 'asc';
  }
  if (normalized === 'timestamp desc') {
    return 'desc';
  }
  throw new InvalidArgumentError(
    `Invalid orderBy "${orderBy}": only "timestamp asc" and "timestamp desc" are supported`,
  );
}

function pageSizeOf(pageSize: number | undefined): number {
  const size = pageSize ?? 0;
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(
      `Invalid pageSize ${size}: it must be between 0 and ${MAX_PAGE_SIZE}`,
    );
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : size;
}

function parsedFilter(filter: string): FilterExpression {
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new InvalidArgumentError(
      `The filter is ${filter.length} characters long; the limit is ${MAX_FILTER_LENGTH}`,
    );
  }
  try {
    return parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new InvalidArgumentError(error.message);
    }
    throw error;
  }
}
