/**
 * The fields of one record body, in the order written, values decoded.
 * A read-only Map: a key written twice keeps its first value, as auparse's
 * lookups do. Kept as two arrays rather than a `Map`: records hold 10 to
 * 40 fields, a scan of interned keys is as fast as hashing them, records
 * of one kind share their keys array, and a large log takes a fraction of
 * the memory (and of the garbage collector's time).
 */
export class AuditFields implements ReadonlyMap<string, string> {
  // Plain (not #private) so that test matchers compare fields by content.
  private readonly names: readonly string[];
  private readonly texts: readonly string[];

  /** Fields from `[key, value]` pairs; the first of a repeated key wins. */
  static from(entries: Iterable<readonly [string, string]>): AuditFields {
    const keys: string[] = [];
    const values: string[] = [];
    const seen = new Set<string>();
    for (const [key, value] of entries) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
        values.push(value);
      }
    }
    return new AuditFields(keys, values);
  }

  /**
   * Keys must be unique and as many as the values; both arrays are kept,
   * not copied (the parser shares keys arrays between records).
   */
  constructor(keys: readonly string[] = [], values: readonly string[] = []) {
    this.names = keys;
    this.texts = values;
  }

  get size(): number {
    return this.names.length;
  }

  get(key: string): string | undefined {
    const keys = this.names;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === key) {
        return this.texts[i];
      }
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.names.indexOf(key) >= 0;
  }

  /** The i-th key, in record order (for loops without iterators). */
  keyAt(index: number): string | undefined {
    return this.names[index];
  }

  /** The i-th value, in record order. */
  valueAt(index: number): string | undefined {
    return this.texts[index];
  }

  forEach(
    callback: (
      value: string,
      key: string,
      map: ReadonlyMap<string, string>,
    ) => void,
    thisArg?: unknown,
  ): void {
    const keys = this.names;
    for (let i = 0; i < keys.length; i++) {
      callback.call(thisArg, this.texts[i], keys[i], this);
    }
  }

  *entries(): MapIterator<[string, string]> {
    const keys = this.names;
    for (let i = 0; i < keys.length; i++) {
      yield [keys[i], this.texts[i]];
    }
  }

  *keys(): MapIterator<string> {
    yield* this.names;
  }

  *values(): MapIterator<string> {
    yield* this.texts;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  /** The fields as a plain object, for JSON and test assertions. */
  toJSON(): Record<string, string> {
    const result: Record<string, string> = {};
    const keys = this.names;
    for (let i = 0; i < keys.length; i++) {
      // defineProperty: a `__proto__` key from a record stays a plain key.
      Object.defineProperty(result, keys[i], {
        value: this.texts[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
}
