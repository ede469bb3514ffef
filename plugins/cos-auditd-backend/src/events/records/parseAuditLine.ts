import { ParsedRecord, skip } from './AuditRecord';
import { internedKey } from './internedSlice';
import { parseAuditBody } from './parseAuditFields';

/** Options for reading plain audit log lines. */
export type AuditLineOptions = {
  /** The node of lines without auditd's `node=` prefix. */
  node?: string;
};

const SPACE = 0x20;

/**
 * Reads one line of an audit log (`/var/log/audit/audit.log`, `ausearch
 * --raw`): `[node=HOST ]type=TYPE msg=audit(SEC.MSEC:SERIAL): body`.
 * The node is auditd's `node=`, else `options.node`, else `''`. Lines it
 * cannot read (no stamp, no type, a value cut short) come back as a
 * skipped record with the reason; never throws.
 */
export function parseAuditLine(
  line: string,
  options: AuditLineOptions = {},
): ParsedRecord {
  let end = line.length;
  while (end > 0 && isLineEnd(line.charCodeAt(end - 1))) {
    end--;
  }
  let i = 0;
  let node = options.node ?? '';
  if (line.startsWith('node=')) {
    const space = line.indexOf(' ', 5);
    if (space < 0 || space >= end) {
      return skip('no record after node=');
    }
    node = line.slice(5, space);
    i = skipSpaces(line, space, end);
  }
  if (!line.startsWith('type=', i)) {
    return skip('no type=');
  }
  const typeEnd = line.indexOf(' ', i + 5);
  if (typeEnd < 0 || typeEnd >= end || typeEnd === i + 5) {
    return skip('no type or no audit stamp');
  }
  const type = internedKey(line, i + 5, typeEnd);
  i = skipSpaces(line, typeEnd, end);
  if (!line.startsWith('msg=audit(', i)) {
    return skip('no msg=audit(…) stamp');
  }
  i += 10;

  // SEC.MSEC:SERIAL): — digits only; anything else is not a raw stamp
  // (ausearch -i prints dates there).
  const secStart = i;
  let seconds = 0;
  while (i < end && isDigit(line.charCodeAt(i))) {
    seconds = seconds * 10 + (line.charCodeAt(i) - 0x30);
    i++;
  }
  // More than 12 digits is past any date a Date can hold.
  if (
    i === secStart ||
    i - secStart > 12 ||
    line.charCodeAt(i) !== 0x2e /* . */
  ) {
    return skip('unreadable audit stamp');
  }
  i++;
  let ms = 0;
  let digits = 0;
  while (i < end && isDigit(line.charCodeAt(i))) {
    if (digits < 3) {
      ms = ms * 10 + (line.charCodeAt(i) - 0x30);
    }
    digits++;
    i++;
  }
  if (digits === 0 || line.charCodeAt(i) !== 0x3a /* : */) {
    return skip('unreadable audit stamp');
  }
  for (let d = digits; d < 3; d++) {
    ms *= 10;
  }
  i++;
  const serialStart = i;
  let serial = 0;
  while (i < end && isDigit(line.charCodeAt(i))) {
    serial = serial * 10 + (line.charCodeAt(i) - 0x30);
    i++;
  }
  if (
    i === serialStart ||
    i - serialStart > 15 ||
    line.charCodeAt(i) !== 0x29 /* ) */
  ) {
    return skip('unreadable audit stamp');
  }
  // `): body`; old DAEMON_* records have no colon: `) config changed…`.
  i++;
  if (line.charCodeAt(i) === 0x3a /* : */) {
    i++;
  }
  i = skipSpaces(line, i, end);

  // journald strips the stamp and the whitespace after it; so do we.
  const body = line.slice(i, end);
  const parsed = parseAuditBody(body, type);
  if (parsed.truncated) {
    return skip(`${type} record cut short (a quote is never closed)`);
  }
  return {
    record: {
      node,
      serial,
      timeMs: seconds * 1000 + ms,
      type,
      fields: parsed.fields,
      text: parsed.raw === '' ? type : `${type} ${parsed.raw}`,
    },
  };
}

/**
 * {@link parseAuditLine} over many lines, lazily: for streams and large
 * files. Blank lines are passed over, not reported.
 */
export function* parseAuditLines(
  lines: Iterable<string>,
  options: AuditLineOptions = {},
): Generator<ParsedRecord> {
  for (const line of lines) {
    if (line.length === 0 || isBlank(line)) {
      continue;
    }
    yield parseAuditLine(line, options);
  }
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) === SPACE) {
    i++;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLineEnd(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== 0x09 && !isLineEnd(c)) {
      return false;
    }
  }
  return true;
}
