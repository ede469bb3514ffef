import { AuditFields } from './AuditFields';
import { hexBytes, hexText, textBytes } from './auditHex';
import { hashStep, internedKey, internedValue } from './internedSlice';

/** A record body split into its parts. */
export type ParsedBody = {
  fields: AuditFields;
  /**
   * auditd's `log_format=ENRICHED` fields (after `\x1d`: `AUID="root"`…),
   * kept apart so they never shadow a raw field; undefined when absent.
   */
  enriched: AuditFields | undefined;
  /** The body without the enrichment: what journald's MESSAGE would hold. */
  raw: string;
  /** A quoted value or `msg='…'` never closed: the record was cut short. */
  truncated: boolean;
};

const SPACE = 0x20;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACE = 0x7b;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const LETTER_A = 0x61;
const GROUP_SEPARATOR = '\x1d';

/**
 * Keys whose value the kernel (`audit_log_untrustedstring`) or libaudit
 * writes as hex when it holds a space, a quote or a control byte; quoted
 * otherwise. So an unquoted even-length hex run under these keys is hex.
 */
const HEX_KEYS = new Set([
  'exe',
  'comm',
  'cwd',
  'name',
  'path',
  'acct',
  'cmd',
  'proctitle',
  'key',
  'ocomm',
]);

/**
 * Keys inside `msg='…'` that win over the same key outside: the sender's
 * own account of what happened, not the kernel's stamp of who sent it.
 */
const USER_PRECEDENCE = new Set([
  'op',
  'acct',
  'exe',
  'hostname',
  'addr',
  'terminal',
  'res',
]);

// How a scan treats keys and values: kernel part, EXECVE arguments, inside
// msg='…', or auditd's enrichment.
const KERNEL = 0;
const EXECVE = 1;
const USER = 2;
const ENRICHED = 3;

// The fields of the record being read, reused from record to record: the
// result is copied out at its exact size (see fieldsOfScan).
const scratchKeys: string[] = [];
const scratchValues: string[] = [];
let scratchCount = 0;
/** A hash of the key sequence, to find a shared keys array for it. */
let scratchShape = 0;
let scratchTruncated = false;
// Whether a key may have been seen in this record: a stamp per slot of a
// small hash of the key, so most keys skip the search for a repeat.
const seen = new Uint32Array(256);
let stamp = 0;

/**
 * Splits an audit record body (`key=value …`, without the audit stamp)
 * into decoded fields. Double-quoted values lose their quotes; unquoted hex
 * is decoded for the keys the kernel hex-encodes (and, in EXECVE records
 * — pass `type` — for `aN`); `msg='…'` is opened and its keys merged (its
 * op/acct/exe/hostname/addr/terminal/res win over the outer ones); words
 * without `=` are skipped. `aN[i]` pieces of long EXECVE arguments are kept
 * as latin1 byte strings so that they can be joined before decoding.
 * auditd's `\x1d` enrichment is dropped (see {@link parseAuditBody}).
 */
export function parseAuditFields(body: string, type = ''): AuditFields {
  return parseAuditBody(body, type).fields;
}

/**
 * {@link parseAuditFields}, also returning the enrichment, the raw body and
 * whether the record was cut short. Never throws.
 */
export function parseAuditBody(body: string, type = ''): ParsedBody {
  const separator = body.indexOf(GROUP_SEPARATOR);
  const end = separator < 0 ? body.length : separator;
  startScan();
  scanFields(body, 0, end, type === 'EXECVE' ? EXECVE : KERNEL);
  const truncated = scratchTruncated;
  const fields = fieldsOfScan();
  let enriched: AuditFields | undefined;
  if (separator >= 0) {
    startScan();
    scanFields(body, separator + 1, body.length, ENRICHED);
    enriched = fieldsOfScan();
  }
  return {
    fields,
    enriched,
    raw: separator < 0 ? body : body.slice(0, separator),
    truncated,
  };
}

function startScan(): void {
  stamp = (stamp + 1) >>> 0;
  if (stamp === 0) {
    seen.fill(0);
    stamp = 1;
  }
  scratchCount = 0;
  scratchShape = 0;
  scratchTruncated = false;
}

/**
 * Records of one kind repeat the same keys in the same order: they share
 * one keys array, found by the sequence's hash and checked key by key
 * (keys are interned, so by identity).
 */
const SHAPE_SLOTS = 1024;
const shapes: Array<readonly string[] | undefined> = new Array(SHAPE_SLOTS);

function fieldsOfScan(): AuditFields {
  const count = scratchCount;
  const slot = scratchShape & (SHAPE_SLOTS - 1);
  let keys = shapes[slot];
  if (keys === undefined || !sameKeys(keys, count)) {
    keys = scratchKeys.slice(0, count);
    shapes[slot] = keys;
  }
  return new AuditFields(keys, scratchValues.slice(0, count));
}

function sameKeys(keys: readonly string[], count: number): boolean {
  if (keys.length !== count) {
    return false;
  }
  for (let i = 0; i < count; i++) {
    if (keys[i] !== scratchKeys[i]) {
      return false;
    }
  }
  return true;
}

function addField(key: string, value: string, mode: number): void {
  if (mode !== EXECVE) {
    // argc and aN never repeat; other keys may (old LOGIN: `old auid= new auid=`).
    const slot =
      (key.length * 131 +
        key.charCodeAt(0) * 31 +
        key.charCodeAt(key.length - 1)) &
      255;
    if (seen[slot] === stamp) {
      for (let i = 0; i < scratchCount; i++) {
        if (scratchKeys[i] === key) {
          if (mode === USER && USER_PRECEDENCE.has(key)) {
            scratchValues[i] = value;
          }
          return;
        }
      }
    } else {
      seen[slot] = stamp;
    }
  }
  scratchKeys[scratchCount] = key;
  scratchValues[scratchCount] = value;
  scratchCount++;
  scratchShape =
    (Math.imul(scratchShape, 31) + key.length * 97 + key.charCodeAt(0)) | 0;
}

// One pass over text[from, to), charCode by charCode: no regex, no split.
function scanFields(
  text: string,
  from: number,
  to: number,
  mode: number,
): void {
  // Old PAM messages close a parenthesis: `(hostname=?, addr=?, … res=success)`.
  let inParens = false;
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    let keyStart = i;
    let hash = 0;
    while (i < to) {
      c = text.charCodeAt(i);
      if (c === SPACE || c === EQUALS) {
        break;
      }
      hash = hashStep(hash, c);
      i++;
    }
    if (i >= to || c === SPACE) {
      continue; // a word without `=`: `user`, `avc:`, `denied`…
    }
    let key: string;
    if (mode === USER && text.charCodeAt(keyStart) === OPEN_PAREN) {
      keyStart++;
      inParens = true;
      key = internedKey(text, keyStart, i);
    } else {
      key = internedKey(text, keyStart, i, hash);
    }
    i++;
    const valueStart = i;
    c = i < to ? text.charCodeAt(i) : SPACE;
    let value: string;
    if (c === DOUBLE_QUOTE) {
      const close = text.indexOf('"', i + 1);
      if (close < 0 || close >= to) {
        scratchTruncated = true;
        value = text.slice(i + 1, to);
        i = to;
      } else {
        value = internedValue(text, i + 1, close);
        // Anything glued to the closing quote is noise; the value ends here.
        i = close + 1;
        while (i < to && text.charCodeAt(i) !== SPACE) {
          i++;
        }
      }
      if (mode === EXECVE && isPiece(key)) {
        value = textBytes(value);
      }
    } else if (c === SINGLE_QUOTE && mode !== USER && key === 'msg') {
      // msg='…' ends at the last quote (as journald reads it): values
      // inside may hold quotes, as in acct="system-property('x')".
      const close = text.lastIndexOf("'", to - 1);
      if (close <= i) {
        scratchTruncated = true;
        scanFields(text, i + 1, to, USER);
        i = to;
      } else {
        scanFields(text, i + 1, close, USER);
        i = close + 1;
      }
      continue;
    } else if (c === OPEN_BRACE && mode === ENRICHED) {
      // SADDR={ saddr_fam=inet laddr=10.0.0.1 lport=22 }
      const close = text.indexOf('}', i);
      i = close < 0 || close >= to ? to : close + 1;
      value = text.slice(valueStart, i);
    } else {
      const space = text.indexOf(' ', i);
      i = space < 0 || space > to ? to : space;
      let valueEnd = i;
      if (mode === USER && inParens && valueEnd > valueStart) {
        const last = text.charCodeAt(valueEnd - 1);
        if (last === COMMA) {
          valueEnd--;
        } else if (last === CLOSE_PAREN) {
          valueEnd--;
          inParens = false;
        }
      }
      value = internedValue(text, valueStart, valueEnd);
      if (mode === EXECVE && isArgument(key)) {
        if (key.charCodeAt(key.length - 1) === CLOSE_BRACKET) {
          value = hexBytes(value) ?? textBytes(value);
        } else {
          value = hexText(value) ?? value;
        }
      } else if (mode !== ENRICHED && HEX_KEYS.has(key)) {
        value = hexText(value) ?? value;
      }
    }
    if (key.length > 0) {
      addField(key, value, mode); // `=x` is noise
    }
  }
}

/** `aN` or `aN[i]`: an EXECVE argument or a piece of one. */
function isArgument(key: string): boolean {
  if (key.length < 2 || key.charCodeAt(0) !== LETTER_A) {
    return false;
  }
  let i = 1;
  while (i < key.length && isDigit(key.charCodeAt(i))) {
    i++;
  }
  if (i === 1) {
    return false;
  }
  return i === key.length || key.charCodeAt(i) === OPEN_BRACKET;
}

/** `aN[i]`. */
function isPiece(key: string): boolean {
  return key.charCodeAt(key.length - 1) === CLOSE_BRACKET && isArgument(key);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
