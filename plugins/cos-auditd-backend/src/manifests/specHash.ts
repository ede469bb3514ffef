import { createHash } from 'node:crypto';

/**
 * A short, stable hash of plain data: the SHA-256 of its canonical JSON
 * (object keys sorted, `undefined` properties left out), as 16 hex
 * characters. Key order does not matter, so an object read back from the
 * API server hashes like the one rendered.
 */
export function specHash(object: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(object))
    .digest('hex')
    .slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value
      .map(item => (item === undefined ? 'null' : canonicalJson(item)))
      .join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter(key => record[key] !== undefined)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
