import {
  AuditEvent,
  AuditEventType,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditRecord, ParsedRecord } from '../records';
import {
  execveArguments,
  execveEvent,
  ExecveRecords,
  isExecveSyscall,
} from './execveEvent';
import { loginEvent } from './loginEvent';
import { LOGIN_RECORD_TYPES } from './recordTypes';

/** How {@link groupAuditEvents} groups. */
export type GroupOptions = {
  type: AuditEventType;
  /** Mask likely secrets in arguments and record lines (see `maskArgv`). */
  maskSecrets: boolean;
  /**
   * No more records will come: emit incomplete execve events with what is
   * there instead of holding them back.
   */
  final?: boolean;
};

/** An event some of whose records are missing: fetch its serial and group again. */
export type IncompleteEvent = { node: string; serial: number; timeMs: number };

/** What {@link groupAuditEvents} found. */
export type GroupedEvents = {
  /** Newest first (audit time, then serial). */
  events: AuditEvent[];
  /**
   * Execve events with a record missing: SYSCALL without EXECVE (or with
   * arguments missing) or CWD, or EXECVE/CWD/PATH/PROCTITLE without their
   * SYSCALL. Held back from `events` unless `final`, then emitted anyway
   * and still listed here.
   */
  incomplete: IncompleteEvent[];
  /**
   * Inputs that were skipped readers' results, plus (when `final`)
   * records of groups that are no event at all: no SYSCALL and no EXECVE.
   */
  skipped: number;
};

const LOGIN_TYPES: ReadonlySet<string> = new Set(LOGIN_RECORD_TYPES);

/**
 * Groups audit records into events of one type. Records belong together
 * by node, audit time and serial (serials restart at boot); they may come
 * in any order and over several calls. An execve event is a SYSCALL
 * (execve on x86_64 or aarch64) with its EXECVE records, CWD, PATHs and
 * PROCTITLE; EOE is never waited for (journald drops it). A login event is
 * one user-space record of {@link LOGIN_RECORD_TYPES}. Records of other
 * types, and SYSCALLs of other syscalls with their records, are ignored.
 * Accepts the readers' results as they are: skipped ones are counted.
 */
export function groupAuditEvents(
  records: Iterable<AuditRecord | ParsedRecord>,
  options: GroupOptions,
): GroupedEvents {
  return options.type === 'login'
    ? groupLogins(records, options.maskSecrets)
    : groupExecves(records, options.maskSecrets, options.final === true);
}

/** A group and the next one with the same serial (another node or boot). */
type Group = ExecveRecords & {
  /** Its SYSCALL is another syscall: its records are let go as they come. */
  other: boolean;
  next: Group | undefined;
};

function groupExecves(
  input: Iterable<AuditRecord | ParsedRecord>,
  maskSecrets: boolean,
  final: boolean,
): GroupedEvents {
  // By serial (a number key is cheaper than a composed string), then node
  // and time along a short chain.
  const bySerial = new Map<number, Group>();
  const order: Group[] = [];
  let skipped = 0;
  for (const item of input) {
    const record = recordOf(item);
    if (record === undefined) {
      skipped++;
      continue;
    }
    const type = record.type;
    if (
      type !== 'SYSCALL' &&
      type !== 'EXECVE' &&
      type !== 'CWD' &&
      type !== 'PATH' &&
      type !== 'PROCTITLE'
    ) {
      continue;
    }
    const head = bySerial.get(record.serial);
    let group = head;
    while (
      group !== undefined &&
      (group.timeMs !== record.timeMs || group.node !== record.node)
    ) {
      group = group.next;
    }
    if (group === undefined) {
      group = {
        node: record.node,
        serial: record.serial,
        timeMs: record.timeMs,
        execve: [],
        paths: [],
        other: false,
        next: head,
      };
      bySerial.set(record.serial, group);
      order.push(group);
    }
    if (group.other) {
      continue;
    }
    if (
      type === 'SYSCALL' &&
      group.syscall === undefined &&
      !isExecveSyscall(record)
    ) {
      // Another syscall's event: drop what it gathered, and what comes.
      group.other = true;
      group.execve = [];
      group.paths = [];
      group.cwd = undefined;
      group.proctitle = undefined;
      continue;
    }
    addRecord(group, record);
  }

  const events: AuditEvent[] = [];
  const incomplete: IncompleteEvent[] = [];
  for (const group of order) {
    if (group.other) {
      continue;
    }
    const args =
      group.execve.length > 0 ? execveArguments(group.execve) : undefined;
    const complete =
      group.syscall !== undefined &&
      group.cwd !== undefined &&
      args !== undefined &&
      args.complete;
    if (!complete) {
      incomplete.push({
        node: group.node,
        serial: group.serial,
        timeMs: group.timeMs,
      });
      if (!final) {
        continue;
      }
      if (group.syscall === undefined && group.execve.length === 0) {
        // CWD/PATH/PROCTITLE alone: nothing says they were an execve.
        skipped +=
          (group.cwd ? 1 : 0) + group.paths.length + (group.proctitle ? 1 : 0);
        continue;
      }
    }
    events.push(execveEvent(group, maskSecrets, args));
  }
  incomplete.sort((a, b) => b.timeMs - a.timeMs || b.serial - a.serial);
  return { events: events.sort(newestFirst), incomplete, skipped };
}

/** Files a record under its role; a repeat of a record already there is dropped. */
function addRecord(group: ExecveRecords, record: AuditRecord): void {
  switch (record.type) {
    case 'SYSCALL':
      group.syscall ??= record;
      break;
    case 'CWD':
      group.cwd ??= record;
      break;
    case 'PROCTITLE':
      group.proctitle ??= record;
      break;
    case 'EXECVE':
      if (!group.execve.some(r => r.text === record.text)) {
        group.execve.push(record);
      }
      break;
    default:
      if (!group.paths.some(r => r.text === record.text)) {
        group.paths.push(record);
      }
  }
}

function groupLogins(
  input: Iterable<AuditRecord | ParsedRecord>,
  maskSecrets: boolean,
): GroupedEvents {
  const seen = new Set<string>();
  const events: AuditEvent[] = [];
  let skipped = 0;
  for (const item of input) {
    const record = recordOf(item);
    if (record === undefined) {
      skipped++;
      continue;
    }
    if (!LOGIN_TYPES.has(record.type)) {
      continue;
    }
    const event = loginEvent(record, maskSecrets);
    if (!seen.has(event.id)) {
      seen.add(event.id);
      events.push(event);
    }
  }
  return { events: events.sort(newestFirst), incomplete: [], skipped };
}

/** The record of a reader's result; undefined for a skipped one. */
function recordOf(item: AuditRecord | ParsedRecord): AuditRecord | undefined {
  if ('record' in item) {
    return item.record;
  }
  if ('skipped' in item && item.skipped === true) {
    return undefined;
  }
  return item as AuditRecord;
}

// ISO times of the same form compare as strings.
function newestFirst(a: AuditEvent, b: AuditEvent): number {
  if (a.time !== b.time) {
    return a.time < b.time ? 1 : -1;
  }
  if (a.serial !== b.serial) {
    return b.serial - a.serial;
  }
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}
