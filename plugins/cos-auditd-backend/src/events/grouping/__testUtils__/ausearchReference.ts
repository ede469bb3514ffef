/**
 * Debian's `ausearch` (package auditd) as an independent reference for the
 * conformance test: its interpreted output (`-i`) decodes quotes and hex,
 * and `--escape shell` escapes spaces, quotes and control bytes so that
 * every value can be split and unescaped without guessing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One record of an ausearch event, fields interpreted and unescaped. */
export type AusearchRecord = { type: string; fields: Map<string, string> };

/** One event as ausearch groups it: records sharing stamp and serial. */
export type AusearchEvent = {
  serial: number;
  timeMs: number;
  records: AusearchRecord[];
};

const SEARCH_PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;

/** The ausearch on PATH (or in /usr/sbin); throws saying what to install when there is none. */
export function ausearchVersion(): string {
  const result = spawnSync('ausearch', ['--version'], {
    env: { ...process.env, PATH: SEARCH_PATH },
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      "ausearch was not found: the audit corpus test compares against it. Install Debian's auditd package (apt-get install auditd), which provides /usr/sbin/ausearch.",
    );
  }
  return result.stdout.trim();
}

/**
 * Runs `ausearch -if FILE -i --escape shell` in UTC and the C locale (so
 * the stamps read `MM/DD/YY HH:MM:SS.mmm`) and reads its events. Events
 * ausearch prints in several parts (records far apart in the file) are
 * merged by stamp and serial.
 */
export function ausearchEvents(file: string): AusearchEvent[] {
  const result = spawnSync(
    'ausearch',
    ['-if', file, '-i', '--escape', 'shell'],
    {
      env: { ...process.env, PATH: SEARCH_PATH, TZ: 'UTC', LC_ALL: 'C' },
      encoding: 'latin1',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.error) {
    throw result.error;
  }
  // Exit status 1 with no output means "no matches".
  return parseAusearchOutput(result.stdout);
}

const RECORD_LINE =
  /^(?:node=\S+ )?type=(\S+) msg=audit\((\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)\.(\d\d\d):(\d+)\) : ?(.*)$/;

/** Reads `ausearch -i --escape shell` output (latin1-decoded bytes). */
export function parseAusearchOutput(output: string): AusearchEvent[] {
  const events = new Map<string, AusearchEvent>();
  for (const line of output.split('\n')) {
    const m = RECORD_LINE.exec(line);
    if (!m) {
      continue;
    }
    const [, type, month, day, year, hh, mm, ss, ms, serialText, rest] = m;
    const fullYear = Number(year) + (Number(year) >= 70 ? 1900 : 2000);
    const timeMs = Date.UTC(
      fullYear,
      Number(month) - 1,
      Number(day),
      Number(hh),
      Number(mm),
      Number(ss),
      Number(ms),
    );
    const serial = Number(serialText);
    const key = `${timeMs}:${serial}`;
    let event = events.get(key);
    if (!event) {
      event = { serial, timeMs, records: [] };
      events.set(key, event);
    }
    event.records.push({ type, fields: interpretedFields(rest) });
  }
  return [...events.values()];
}

/**
 * `key=value` tokens split at unescaped spaces. `msg='…'` is opened: its
 * first token follows `msg='`, its last one ends with an escaped `'`. A
 * key written twice keeps its first value, as auparse's lookups do.
 */
function interpretedFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let inMsg = false;
  for (const raw of splitUnescaped(text)) {
    let token = raw;
    if (token.startsWith("msg='")) {
      token = token.slice(5);
      inMsg = true;
    }
    if (inMsg && token.endsWith("\\'")) {
      token = token.slice(0, -2);
    }
    const equals = token.indexOf('=');
    if (equals <= 0) {
      continue;
    }
    const key = token.slice(0, equals);
    if (!fields.has(key)) {
      fields.set(key, unescape(token.slice(equals + 1)));
    }
  }
  return fields;
}

function splitUnescaped(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === ' ') {
      if (current !== '') {
        tokens.push(current);
      }
      current = '';
    } else {
      current += c;
    }
  }
  if (current !== '') {
    tokens.push(current);
  }
  return tokens;
}

/** auparse's shell escaping undone: `\ooo` is a control byte, `\c` is c. Bytes → UTF-8. */
function unescape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '\\' || i + 1 >= value.length) {
      out += c;
      continue;
    }
    const octal = value.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal)) {
      out += String.fromCharCode(parseInt(octal, 8));
      i += 3;
    } else {
      out += value[i + 1];
      i++;
    }
  }
  return Buffer.from(out, 'latin1').toString('utf8');
}

/**
 * How ausearch -i shows a uid on this machine: `unset` for -1, the
 * account name from /etc/passwd, else `unknown(N)`.
 */
export function uidInterpreter(): (uid: number | null) => string | null {
  const names = new Map<number, string>();
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id !== undefined && !names.has(Number(id))) {
        names.set(Number(id), name);
      }
    }
  } catch {
    // No passwd file: every uid shows as unknown(N).
  }
  return uid => {
    if (uid === null) {
      return null;
    }
    if (uid === 4294967295 || uid === -1) {
      return 'unset';
    }
    return names.get(uid) ?? `unknown(${uid})`;
  };
}
