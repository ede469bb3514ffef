import { maskArgv } from './maskArgv';

/**
 * Record lines carry the same secrets as the decoded arguments (EXECVE,
 * PROCTITLE, sudo's USER_CMD), so they are masked too. Masked values are
 * written back the way the kernel writes them — quoted, or hex when they
 * hold a space, a quote or a control byte — so the lines stay readable by
 * any audit parser.
 */

/**
 * An EXECVE record line with the given arguments replaced: `aN=` gets the
 * masked value; of a long argument's pieces `aN[0]=` gets it and later
 * pieces become empty.
 */
export function maskExecveText(
  text: string,
  masked: ReadonlyMap<number, string>,
): string {
  if (masked.size === 0) {
    return text;
  }
  let out = '';
  let last = 0;
  let i = text.indexOf(' ');
  while (i >= 0 && i < text.length) {
    while (text.charCodeAt(i) === 0x20) {
      i++;
    }
    const start = i;
    const equals = text.indexOf('=', i);
    let end = i;
    // A token runs to the next space, a quoted value to its closing quote.
    while (end < text.length && text.charCodeAt(end) !== 0x20) {
      if (text.charCodeAt(end) === 0x22 && end === equals + 1) {
        const close = text.indexOf('"', end + 1);
        end = close < 0 ? text.length : close + 1;
      } else {
        end++;
      }
    }
    const argument =
      equals > start && equals < end
        ? argumentOf(text, start, equals)
        : undefined;
    if (argument !== undefined && masked.has(argument.index)) {
      const value =
        argument.piece > 0 ? '""' : auditEncode(masked.get(argument.index)!);
      out += `${text.slice(last, equals + 1)}${value}`;
      last = end;
    }
    i = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * A PROCTITLE record line with its command line masked, given the decoded
 * `proctitle` (arguments joined by NUL); the line itself when nothing is
 * secret.
 */
export function maskProctitleText(text: string, proctitle: string): string {
  const argv = proctitle.split('\0');
  const masked = maskArgv(argv);
  if (masked.every((value, index) => value === argv[index])) {
    return text;
  }
  const key = text.indexOf('proctitle=');
  const head = key < 0 ? `${text} proctitle=` : text.slice(0, key + 10);
  return `${head}${auditEncode(masked.join('\0'))}`;
}

/**
 * A sudo USER_CMD record line with its `cmd=` masked, given the decoded
 * command (words joined by spaces, as sudo writes it).
 */
export function maskUserCmdText(text: string, cmd: string): string {
  const words = cmd.split(' ');
  const masked = maskArgv(words);
  if (masked.every((value, index) => value === words[index])) {
    return text;
  }
  const key = findKey(text, 'cmd=');
  if (key < 0) {
    return text;
  }
  const start = key + 4;
  let end: number;
  if (text.charCodeAt(start) === 0x22) {
    const close = text.indexOf('"', start + 1);
    end = close < 0 ? text.length : close + 1;
  } else {
    end = start;
    while (
      end < text.length &&
      text.charCodeAt(end) !== 0x20 &&
      text.charCodeAt(end) !== 0x27
    ) {
      end++;
    }
  }
  return `${text.slice(0, start)}${auditEncode(masked.join(' '))}${text.slice(
    end,
  )}`;
}

/**
 * A value as the kernel writes it (`audit_log_untrustedstring`): quoted,
 * or upper-case hex of its UTF-8 bytes when it holds a quote, a space, a
 * control byte or anything beyond `~`.
 */
export function auditEncode(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c < 0x21 || c > 0x7e) {
      return Buffer.from(value, 'utf8').toString('hex').toUpperCase();
    }
  }
  return `"${value}"`;
}

/** `aN` (piece 0) or `aN[i]` (piece i): the argument a key names. */
function argumentOf(
  text: string,
  start: number,
  end: number,
): { index: number; piece: number } | undefined {
  if (text.charCodeAt(start) !== 0x61 /* a */) {
    return undefined;
  }
  let i = start + 1;
  let index = 0;
  while (i < end && isDigit(text.charCodeAt(i))) {
    index = index * 10 + text.charCodeAt(i) - 0x30;
    i++;
  }
  if (i === start + 1) {
    return undefined;
  }
  if (i === end) {
    return { index, piece: 0 };
  }
  if (
    text.charCodeAt(i) !== 0x5b /* [ */ ||
    text.charCodeAt(end - 1) !== 0x5d
  ) {
    return undefined;
  }
  let piece = 0;
  for (let j = i + 1; j < end - 1; j++) {
    const c = text.charCodeAt(j);
    if (!isDigit(c)) {
      return undefined;
    }
    piece = piece * 10 + c - 0x30;
  }
  return { index, piece };
}

/** Where `key` starts as a whole key (after a space or a quote). */
function findKey(text: string, key: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at <= 0) {
      return at;
    }
    const before = text.charCodeAt(at - 1);
    if (before === 0x20 || before === 0x27) {
      return at;
    }
    from = at + 1;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
