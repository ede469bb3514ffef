import type {
  AuditEvent,
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** The audit uid the kernel writes when no login set one (`(uid_t)-1`). */
const UNSET_AUID = 4294967295;

/**
 * How an event ended, as the table shows it.
 *
 * @public
 */
export type AuditEventOutcome = 'success' | 'failed' | 'unknown';

/**
 * One row of the events table: the cells of one audit event, in words.
 *
 * @public
 */
export type AuditEventRow = {
  id: string;
  time: string;
  node: string;
  user: string;
  executable: string;
  /** Executions only: the arguments joined with spaces. */
  arguments?: string;
  /** Executions only. */
  workingDirectory?: string;
  /** Logins only: the remote address, with its host name when known. */
  address?: string;
  /** Logins only. */
  terminal?: string;
  outcome: AuditEventOutcome;
  outcomeText: string;
  /** A failed login is what an operator looks for first, so its row stands out. */
  standsOut: boolean;
  event: AuditEvent;
};

/**
 * Who ran a program: the login (audit) uid that follows a user through
 * `sudo`, then the uid the program ran as, e.g. "auid 1000 (uid 0)".
 *
 * @public
 */
export function formatExecveUser(
  event: Pick<ExecveEvent, 'auid' | 'uid'>,
): string {
  const auid =
    event.auid === null || event.auid === UNSET_AUID
      ? 'unset'
      : String(event.auid);
  return event.uid === null
    ? `auid ${auid}`
    : `auid ${auid} (uid ${event.uid})`;
}

function executionRow(event: ExecveEvent): AuditEventRow {
  let outcome: AuditEventOutcome = 'unknown';
  let outcomeText = 'unknown';
  if (event.success === true) {
    outcome = 'success';
    outcomeText = 'success';
  } else if (event.success === false) {
    outcome = 'failed';
    outcomeText =
      event.exit === null ? 'failed' : `failed (exit ${event.exit})`;
  }
  return {
    id: event.id,
    time: event.time,
    node: event.node,
    user: formatExecveUser(event),
    executable: event.exe ?? '',
    arguments: event.argv.join(' '),
    workingDirectory: event.cwd ?? '',
    outcome,
    outcomeText,
    standsOut: false,
    event,
  };
}

function loginAddress(event: LoginEvent): string {
  if (!event.addr) {
    return event.hostname ?? '';
  }
  return event.hostname && event.hostname !== event.addr
    ? `${event.addr} (${event.hostname})`
    : event.addr;
}

function loginRow(event: LoginEvent): AuditEventRow {
  const failed = event.result === 'failed';
  return {
    id: event.id,
    time: event.time,
    node: event.node,
    user: event.user ?? '',
    executable: event.exe ?? '',
    address: loginAddress(event),
    terminal: event.terminal ?? '',
    outcome: failed ? 'failed' : 'success',
    outcomeText: failed ? 'failed' : 'success',
    standsOut: failed,
    event,
  };
}

/**
 * The table row of an audit event.
 *
 * @public
 */
export function toAuditEventRow(event: AuditEvent): AuditEventRow {
  return event.type === 'execve' ? executionRow(event) : loginRow(event);
}

/** The same event read twice: keeps the first's fields, fills its gaps and adds records. */
function mergeEvent(first: AuditEvent, later: AuditEvent): AuditEvent {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(later)) {
    if (merged[key] === null || merged[key] === undefined) {
      merged[key] = value;
    }
  }
  const records = [...first.records];
  for (const record of later.records) {
    if (!records.includes(record)) {
      records.push(record);
    }
  }
  merged.records = records;
  return merged as AuditEvent;
}

/**
 * Appends a page of events to those already loaded. An event whose records
 * were split over two pages comes back on both with the same id, so it is
 * kept once, in its first place, with the records of both.
 *
 * @public
 */
export function appendAuditEvents(
  loaded: AuditEvent[],
  page: AuditEvent[],
): AuditEvent[] {
  const result = [...loaded];
  const indexById = new Map(result.map((event, index) => [event.id, index]));
  for (const event of page) {
    const index = indexById.get(event.id);
    if (index === undefined) {
      indexById.set(event.id, result.length);
      result.push(event);
    } else {
      result[index] = mergeEvent(result[index], event);
    }
  }
  return result;
}
