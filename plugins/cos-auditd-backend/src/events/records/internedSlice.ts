/**
 * Keys, record types and short values repeat from record to record
 * (`uid=1000`, `arch=c000003e`, `nametype=NORMAL`): one shared string for
 * each, from small direct-mapped caches, spares the garbage collector
 * millions of copies on large logs and lets records of one kind share
 * their keys array. Longer strings are sliced as usual.
 */
const SLOTS = 4096;
/** V8 copies slices shorter than 13 chars, so the caches hold no line alive. */
const MAX_LENGTH = 12;
const keyCache: string[] = new Array<string>(SLOTS).fill('');
const valueCache: string[] = new Array<string>(SLOTS).fill('');

/** The hash {@link internedKey} wants, one char at a time. */
export function hashStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}

/**
 * `text.slice(start, end)` for a key or a type, shared when seen before.
 * `hash` is {@link hashStep} over the chars, when the caller computed it
 * on the way.
 */
export function internedKey(
  text: string,
  start: number,
  end: number,
  hash?: number,
): string {
  return interned(keyCache, text, start, end, hash);
}

/** `text.slice(start, end)` for a value, shared when short and seen before. */
export function internedValue(
  text: string,
  start: number,
  end: number,
): string {
  return interned(valueCache, text, start, end, undefined);
}

function interned(
  cache: string[],
  text: string,
  start: number,
  end: number,
  hash: number | undefined,
): string {
  const length = end - start;
  if (length > MAX_LENGTH || length < 2) {
    // V8 keeps one-char strings in a table of its own.
    return text.slice(start, end);
  }
  let h = hash;
  if (h === undefined) {
    h = 0;
    for (let i = start; i < end; i++) {
      h = hashStep(h, text.charCodeAt(i));
    }
  }
  const slot = (h ^ (h >>> 13)) & (SLOTS - 1);
  const hit = cache[slot];
  if (hit.length === length) {
    let i = 0;
    while (i < length && hit.charCodeAt(i) === text.charCodeAt(start + i)) {
      i++;
    }
    if (i === length) {
      return hit;
    }
  }
  const value = text.slice(start, end);
  cache[slot] = value;
  return value;
}
