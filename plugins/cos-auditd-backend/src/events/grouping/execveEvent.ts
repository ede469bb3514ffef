import { ExecveEvent } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditRecord, bytesText } from '../records';
import { maskArgv, maskExecveText, maskProctitleText } from '../masking';
import { eventId, integerField, textField } from './fieldValues';
import { EXECVE_SYSCALLS } from './recordTypes';

/** SYSCALL's `success=`. */
const SUCCESS: Record<string, boolean | undefined> = { yes: true, no: false };

/** The records of one execve event gathered so far, by role. */
export type ExecveRecords = {
  node: string;
  serial: number;
  timeMs: number;
  syscall?: AuditRecord;
  /** One or more when the arguments are long; in any order. */
  execve: AuditRecord[];
  cwd?: AuditRecord;
  paths: AuditRecord[];
  proctitle?: AuditRecord;
};

/** Whether a SYSCALL record is execve (59 on x86_64, 221 on aarch64). */
export function isExecveSyscall(record: AuditRecord): boolean {
  const arch = record.fields.get('arch');
  return (
    arch !== undefined &&
    EXECVE_SYSCALLS.get(arch) === record.fields.get('syscall')
  );
}

/** The arguments of EXECVE records, with the argument number of each. */
export type ExecveArguments = {
  argv: string[];
  /** `argv[i]` is argument `indexes[i]`: a lost record leaves a gap. */
  indexes: number[];
  /** Every argument up to `argc` is there, long ones with all their bytes. */
  complete: boolean;
};

/**
 * The command line from EXECVE records: `argc`, `aN` (already decoded) and
 * long arguments as `aN_len` + `aN[i]` pieces, joined in piece order and
 * then decoded. The pieces of one argument may span records.
 */
export function execveArguments(
  records: readonly AuditRecord[],
): ExecveArguments {
  let argc = -1;
  let highest = -1;
  const whole = new Map<number, string>();
  const pieces = new Map<number, string[]>();
  const lengths = new Map<number, number>();
  for (const record of records) {
    for (const [key, value] of record.fields) {
      if (key === 'argc') {
        const n = Number(value);
        if (Number.isInteger(n) && n >= 0) {
          argc = n;
        }
        continue;
      }
      const ref = argumentKey(key);
      if (ref === undefined) {
        continue;
      }
      highest = Math.max(highest, ref.index);
      if (ref.kind === 'whole') {
        whole.set(ref.index, value);
      } else if (ref.kind === 'length') {
        lengths.set(ref.index, Number(value));
      } else {
        let list = pieces.get(ref.index);
        if (!list) {
          list = [];
          pieces.set(ref.index, list);
        }
        list[ref.piece] = value;
      }
    }
  }
  const count = Math.max(argc, highest + 1);
  const argv: string[] = [];
  const indexes: number[] = [];
  let complete = true;
  for (let i = 0; i < count; i++) {
    const value = whole.get(i);
    if (value !== undefined) {
      argv.push(value);
      indexes.push(i);
      continue;
    }
    const list = pieces.get(i);
    if (list === undefined) {
      complete = false;
      continue;
    }
    let bytes = '';
    let gaps = false;
    for (let p = 0; p < list.length; p++) {
      if (list[p] === undefined) {
        gaps = true;
      } else {
        bytes += list[p];
      }
    }
    // aN_len counts what the kernel wrote: hex digits when it encoded the
    // argument (always, once it spans records), bytes when it quoted it.
    const expected = lengths.get(i);
    if (
      gaps ||
      (expected !== undefined &&
        bytes.length * 2 !== expected &&
        bytes.length < expected)
    ) {
      complete = false;
    }
    argv.push(bytesText(bytes));
    indexes.push(i);
  }
  return { argv, indexes, complete };
}

/**
 * The execve event of a group of records, with what is there (a missing
 * SYSCALL leaves the process fields null). Without EXECVE records, the
 * arguments come from PROCTITLE (cut at 128 bytes by the kernel). With
 * `maskSecrets`, likely secrets are masked in the arguments and in the
 * EXECVE and PROCTITLE lines.
 */
export function execveEvent(
  group: ExecveRecords,
  maskSecrets: boolean,
  /** {@link execveArguments} of the group's EXECVE records, when already read. */
  args?: ExecveArguments,
): ExecveEvent {
  const { syscall, cwd, proctitle } = group;
  const execve = [...group.execve].sort(byFirstArgument);
  let argv: string[];
  let indexes: number[] | undefined;
  const proctitleText = proctitle?.fields.get('proctitle');
  if (execve.length > 0) {
    ({ argv, indexes } = args ?? execveArguments(execve));
  } else if (proctitleText !== undefined) {
    argv = splitProctitle(proctitleText);
  } else {
    argv = [];
  }

  let execveTexts = execve.map(record => record.text);
  let proctitleLine = proctitle?.text;
  if (maskSecrets) {
    const masked = maskArgv(argv);
    if (indexes !== undefined) {
      const changed = new Map<number, string>();
      masked.forEach((value, i) => {
        if (value !== argv[i]) {
          changed.set(indexes![i], value);
        }
      });
      if (changed.size > 0) {
        execveTexts = execveTexts.map(text => maskExecveText(text, changed));
      }
    }
    if (proctitle && proctitleText !== undefined) {
      proctitleLine = maskProctitleText(proctitle.text, proctitleText);
    }
    argv = masked;
  }

  const paths = [...group.paths].sort(
    (a, b) =>
      (integerField(a.fields, 'item') ?? 0) -
      (integerField(b.fields, 'item') ?? 0),
  );
  const records: string[] = [];
  if (syscall) {
    records.push(syscall.text);
  }
  records.push(...execveTexts);
  if (cwd) {
    records.push(cwd.text);
  }
  for (const path of paths) {
    records.push(path.text);
  }
  if (proctitleLine !== undefined) {
    records.push(proctitleLine);
  }

  const s = syscall?.fields;
  const success = s?.get('success');
  return {
    id: eventId(group.node, group.timeMs, group.serial),
    type: 'execve',
    time: new Date(group.timeMs).toISOString(),
    serial: group.serial,
    node: group.node,
    records,
    exe: s ? textField(s, 'exe') : null,
    argv,
    cwd: cwd ? cwd.fields.get('cwd') ?? null : null,
    pid: s ? integerField(s, 'pid') : null,
    ppid: s ? integerField(s, 'ppid') : null,
    uid: s ? integerField(s, 'uid') : null,
    auid: s ? integerField(s, 'auid') : null,
    euid: s ? integerField(s, 'euid') : null,
    tty: s ? textField(s, 'tty') : null,
    ses: s ? integerField(s, 'ses') : null,
    comm: s ? textField(s, 'comm') : null,
    success: SUCCESS[success ?? ''] ?? null,
    exit: s ? integerField(s, 'exit') : null,
  };
}

/** PROCTITLE's command line: arguments joined by NUL (a trailing NUL ends it). */
function splitProctitle(proctitle: string): string[] {
  const argv = proctitle.split('\0');
  while (argv.length > 1 && argv[argv.length - 1] === '') {
    argv.pop();
  }
  return argv;
}

type ArgumentKey =
  | { kind: 'whole'; index: number }
  | { kind: 'length'; index: number }
  | { kind: 'piece'; index: number; piece: number };

/** `aN`, `aN_len` or `aN[i]`; undefined for any other key. */
function argumentKey(key: string): ArgumentKey | undefined {
  if (key.charCodeAt(0) !== 0x61 /* a */) {
    return undefined;
  }
  let i = 1;
  let index = 0;
  while (i < key.length && isDigit(key.charCodeAt(i))) {
    index = index * 10 + key.charCodeAt(i) - 0x30;
    i++;
  }
  if (i === 1) {
    return undefined;
  }
  if (i === key.length) {
    return { kind: 'whole', index };
  }
  if (key.endsWith('_len') && i === key.length - 4) {
    return { kind: 'length', index };
  }
  if (key.charCodeAt(i) === 0x5b /* [ */ && key.endsWith(']')) {
    let piece = 0;
    for (let j = i + 1; j < key.length - 1; j++) {
      const c = key.charCodeAt(j);
      if (!isDigit(c)) {
        return undefined;
      }
      piece = piece * 10 + c - 0x30;
    }
    return { kind: 'piece', index, piece };
  }
  return undefined;
}

/** EXECVE records in argument order: the one with argc first, then by first argument. */
function byFirstArgument(a: AuditRecord, b: AuditRecord): number {
  return firstArgument(a) - firstArgument(b);
}

function firstArgument(record: AuditRecord): number {
  if (record.fields.has('argc')) {
    return -1;
  }
  for (const key of record.fields.keys()) {
    const ref = argumentKey(key);
    if (ref !== undefined) {
      return ref.index * 1e6 + (ref.kind === 'piece' ? ref.piece : 0);
    }
  }
  return Number.MAX_SAFE_INTEGER;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
