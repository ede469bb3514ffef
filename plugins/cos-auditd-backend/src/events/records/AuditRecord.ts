import { AuditFields } from './AuditFields';

/** One audit record, from a Cloud Logging entry or a plain audit log line. */
export type AuditRecord = {
  /** The node (GKE node name, or auditd's `node=`) that wrote the record. */
  node: string;
  /** The audit serial: the records of one event share it (with the time). */
  serial: number;
  /** Audit time in ms since the epoch: the kernel's `SEC.MSEC` stamp. */
  timeMs: number;
  /** The record type name: `SYSCALL`, `EXECVE`, `USER_LOGIN`… */
  type: string;
  fields: AuditFields;
  /**
   * The record as users see it: `TYPE body`, without the audit stamp and
   * without auditd's `\x1d` enrichment (journald's MESSAGE, exactly).
   */
  text: string;
  /** The Cloud Logging entry it came from, when it came from one. */
  insertId?: string;
};

/** A record that could not be read, and why; never an exception. */
export type SkippedRecord = {
  skipped: true;
  reason: string;
  insertId?: string;
};

/**
 * What the record readers return for each input: `{ record }`, or why it
 * was skipped (tell them apart with `'record' in result` or `skipped`).
 */
export type ParsedRecord =
  | { record: AuditRecord; skipped?: undefined }
  | SkippedRecord;

/** A {@link SkippedRecord}, for the readers. */
export function skip(reason: string, insertId?: string): SkippedRecord {
  return insertId === undefined
    ? { skipped: true, reason }
    : { skipped: true, reason, insertId };
}
