import { AuditEventsPage } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditRecord, recordFromLogEntry } from './records';
import { groupAuditEvents, LOGIN_RECORD_TYPES } from './grouping';
import { CloudLoggingReader, LogCredentials } from './logging';
import {
  AuditLogSource,
  companionsFilter,
  encodePageToken,
  EventsQuery,
  eventsFilter,
  logsExplorerUrl,
} from './query';

/** Serials per companion query, so the filter stays far below Logging's 20,000 characters. */
const SERIALS_PER_QUERY = 200;
/** Companion records per Logging page; an execve event has 4 to 6 of them. */
const COMPANION_PAGE_SIZE = 1000;
/** A bound on companion pages per request, so one request never loops long. */
const MAX_COMPANION_PAGES = 10;
/** Records of one event reach journald together; the entry timestamps stay this close to the audit time. */
const COMPANION_SLACK_BEFORE_MS = 60_000;
const COMPANION_SLACK_AFTER_MS = 10 * 60_000;

/**
 * One page of audit events of a cluster. The records that start an event
 * (an execve SYSCALL, a login record) are paged by Cloud Logging with the
 * query's narrowing; the other records of each execve event are then read
 * by node and serial, wherever they fell in the result order, so an event
 * is never cut at a page boundary.
 */
export async function readAuditEvents(options: {
  reader: CloudLoggingReader;
  source: AuditLogSource;
  /** The project whose logs hold the cluster's records (usually its own). */
  logProject: string;
  credentials?: LogCredentials;
  query: EventsQuery;
  maskSecrets: boolean;
}): Promise<AuditEventsPage> {
  const { reader, source, logProject, credentials, query } = options;
  const filter = eventsFilter(source, query, LOGIN_RECORD_TYPES);
  const page = await reader.listEntries({
    project: logProject,
    filter,
    pageSize: query.pageSize,
    pageToken: query.loggingPageToken,
    credentials,
  });
  let skipped = 0;
  const records: AuditRecord[] = [];
  const collect = (entries: ReadonlyArray<unknown>) => {
    for (const entry of entries) {
      const parsed = recordFromLogEntry(entry);
      if ('record' in parsed) {
        records.push(parsed.record);
      } else {
        skipped += 1;
      }
    }
  };
  collect(page.entries);

  if (query.type === 'execve' && records.length > 0) {
    for (const serials of chunkedSerialsByNode(records)) {
      await readCompanions(serials, collect);
    }
  }

  const grouped = groupAuditEvents(records, {
    type: query.type,
    maskSecrets: options.maskSecrets,
    final: true,
  });
  return {
    items: grouped.events,
    ...(page.nextPageToken
      ? {
          nextPageToken: encodePageToken({
            fingerprint: query.fingerprint,
            since: query.since.toISOString(),
            until: query.until.toISOString(),
            loggingPageToken: page.nextPageToken,
          }),
        }
      : {}),
    logFilter: filter,
    logsExplorerUrl: logsExplorerUrl(logProject, filter, query),
    skippedRecords: skipped + grouped.skipped,
  };

  async function readCompanions(
    batch: { serialsByNode: Map<string, number[]>; since: Date; until: Date },
    add: (entries: ReadonlyArray<unknown>) => void,
  ) {
    const companions = companionsFilter(source, batch.serialsByNode, batch);
    let pageToken: string | undefined;
    for (let pages = 0; pages < MAX_COMPANION_PAGES; pages++) {
      const next = await reader.listEntries({
        project: logProject,
        filter: companions,
        pageSize: COMPANION_PAGE_SIZE,
        pageToken,
        credentials,
      });
      add(next.entries);
      pageToken = next.nextPageToken;
      if (!pageToken) {
        return;
      }
    }
  }
}

/** The execve SYSCALL records' serials per node, in batches, with the time window around them. */
function chunkedSerialsByNode(records: readonly AuditRecord[]) {
  const batches: Array<{
    serialsByNode: Map<string, number[]>;
    since: Date;
    until: Date;
  }> = [];
  for (let start = 0; start < records.length; start += SERIALS_PER_QUERY) {
    const slice = records.slice(start, start + SERIALS_PER_QUERY);
    const serialsByNode = new Map<string, number[]>();
    for (const record of slice) {
      const serials = serialsByNode.get(record.node) ?? [];
      serials.push(record.serial);
      serialsByNode.set(record.node, serials);
    }
    const times = slice.map(record => record.timeMs);
    batches.push({
      serialsByNode,
      since: new Date(Math.min(...times) - COMPANION_SLACK_BEFORE_MS),
      until: new Date(Math.max(...times) + COMPANION_SLACK_AFTER_MS),
    });
  }
  return batches;
}
