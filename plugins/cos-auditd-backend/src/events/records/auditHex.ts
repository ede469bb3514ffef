/**
 * The text of a value the kernel wrote as hex (`audit_log_n_hex`): UTF-8
 * (invalid bytes become U+FFFD); undefined when the value is not an
 * even-length run of hex digits, so it was not hex-encoded.
 */
export function hexText(value: string): string | undefined {
  const bytes = hexBuffer(value);
  return bytes === undefined ? undefined : bytes.toString('utf8');
}

/**
 * {@link hexText} as a latin1 byte string (one char per byte), for pieces
 * that are joined before they are decoded: a character may straddle two
 * `aN[i]` pieces.
 */
export function hexBytes(value: string): string | undefined {
  const bytes = hexBuffer(value);
  return bytes === undefined ? undefined : bytes.toString('latin1');
}

function hexBuffer(value: string): Buffer | undefined {
  const length = value.length;
  if (length === 0 || length % 2 !== 0 || !isHexDigit(value.charCodeAt(0))) {
    return undefined;
  }
  // Node stops decoding at the first pair that is not hex: a full-length
  // result is the check, done natively.
  const bytes = Buffer.from(value, 'hex');
  return bytes.length * 2 === length ? bytes : undefined;
}

function isHexDigit(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x46) ||
    (c >= 0x61 && c <= 0x66)
  );
}

/** Text as a latin1 byte string (see {@link hexBytes}). */
export function textBytes(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      return Buffer.from(text, 'utf8').toString('latin1');
    }
  }
  return text;
}

/** The UTF-8 text of a latin1 byte string. */
export function bytesText(bytes: string): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes.charCodeAt(i) > 0x7f) {
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
  }
  return bytes;
}
