import { AuditFields } from '../records';

/** A decimal integer field (`pid=42`, `exit=-13`); null when absent or not a number. */
export function integerField(fields: AuditFields, key: string): number | null {
  const text = fields.get(key);
  if (text === undefined || text.length === 0 || text.length > 20) {
    return null;
  }
  let i = text.charCodeAt(0) === 0x2d /* - */ ? 1 : 0;
  if (i === text.length) {
    return null;
  }
  let value = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      return null;
    }
    value = value * 10 + (c - 0x30);
  }
  return text.charCodeAt(0) === 0x2d ? -value : value;
}

/** A text field; null when absent, empty or `?` (libaudit's "unknown"). */
export function textField(fields: AuditFields, key: string): string | null {
  const text = fields.get(key);
  return text === undefined || text === '' || text === '?' ? null : text;
}

/** The audit stamp `SEC.MSEC` of a time in ms, as the kernel writes it. */
export function auditStamp(timeMs: number): string {
  const ms = timeMs % 1000;
  return `${(timeMs - ms) / 1000}.${String(ms).padStart(3, '0')}`;
}

/**
 * An event's id: node, audit stamp and serial. The serial alone is not
 * enough: it restarts at boot, and nodes share serial ranges.
 */
export function eventId(node: string, timeMs: number, serial: number): string {
  return `${node}:${auditStamp(timeMs)}:${serial}`;
}
