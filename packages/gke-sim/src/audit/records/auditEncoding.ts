/**
 * How the kernel writes an untrusted string into a record: in double quotes,
 * or as upper-case hex when it holds a quote, a space, a control character
 * or a byte above 0x7e (`audit_string_contains_control`).
 */
export function auditString(value: string): string {
  return needsHex(value) ? hexOf(value) : `"${value}"`;
}

/** Whether the kernel (and sudo, for `cmd=`) would hex-encode the value. */
export function needsHex(value: string): boolean {
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x22 || byte < 0x21 || byte > 0x7e) {
      return true;
    }
  }
  return false;
}

/** Upper-case hex of the UTF-8 bytes. */
export function hexOf(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return bytes.toString('hex').toUpperCase();
}

/** The kernel keeps at most this many bytes of the command line in PROCTITLE. */
const MAX_PROCTITLE_BYTES = 128;

/** `proctitle=`: argv joined by NUL, cut at 128 bytes, quoted or hex as above. */
export function proctitleValue(argv: string[]): string {
  const bytes = Buffer.from(argv.join('\0'), 'utf8').subarray(
    0,
    MAX_PROCTITLE_BYTES,
  );
  const text = bytes.toString('latin1');
  return needsHex(text) ? hexOf(bytes) : `"${text}"`;
}
