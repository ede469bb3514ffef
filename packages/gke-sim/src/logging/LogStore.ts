import { Clock } from '../clock';
import { LogEntryJson, StoredLogEntry } from './LogEntryJson';
import {
  formatLogTime,
  LogTime,
  logTimeOfDate,
  parseLogTime,
  sortableLogTime,
} from './LogTime';

/** An entry with the key it is ordered by: its timestamp, then its insertId. */
type KeptEntry = { key: string; entry: StoredLogEntry };

/** Where a scan of the store starts and which way it goes. */
export type LogScan = {
  order: 'asc' | 'desc';
  /** Start strictly after this sort key (in scan order); from a page token. */
  after?: string;
  /** Only entries at or after this time. */
  from?: LogTime;
  /** Only entries at or before this time. */
  until?: LogTime;
};

/** The options of `LogStore.create`. */
export type LogStoreOptions = {
  /** Supplies receive timestamps and the timestamps of entries without one. */
  clock: Clock;
};

/**
 * The simulated Cloud Logging storage: every entry of every project, kept
 * sorted by timestamp and insertId (the order `entries.list` returns), so
 * reads are a binary search plus a walk. Writes arrive mostly in time order
 * and then only append.
 */
export class LogStore {
  readonly #clock: Clock;
  readonly #entries: KeptEntry[] = [];
  #writes = 0;

  static create(options: LogStoreOptions): LogStore {
    return new LogStore(options.clock);
  }

  private constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** How many entries the store holds. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Stores entries, assigning what Cloud Logging assigns when it is absent:
   * `insertId` (in write order, so equal timestamps keep the order they were
   * written in), `timestamp` and `receiveTimestamp` (now). Returns the
   * stored entries.
   */
  write(entries: LogEntryJson[]): StoredLogEntry[] {
    const now = logTimeOfDate(this.#clock.now());
    const stored = entries.map(entry => this.#complete(entry, now));
    const kept = stored.map(entry => ({ key: sortKeyOf(entry), entry }));
    if (kept.length > 64) {
      // Bulk loads: append, then sort once (nearly sorted input sorts in
      // about linear time) instead of inserting one by one.
      for (const one of kept) {
        this.#entries.push(one);
      }
      this.#entries.sort(byKey);
    } else {
      for (const one of kept) {
        this.#insert(one);
      }
    }
    return stored;
  }

  /** Every entry, oldest first. */
  entries(): StoredLogEntry[] {
    return this.#entries.map(k => k.entry);
  }

  /**
   * Walks the entries in timestamp order from a position; the caller stops
   * when its page is full. Yields each entry with its sort key.
   */
  *scan(scan: LogScan): Generator<{ key: string; entry: StoredLogEntry }> {
    const entries = this.#entries;
    const lowKey = scan.from ? sortableLogTime(scan.from) : undefined;
    // Every key of an entry at `until` starts with its time, so "+~" is past them all.
    const highKey = scan.until
      ? `${sortableLogTime(scan.until)}\uffff`
      : undefined;
    if (scan.order === 'asc') {
      let index = lowKey ? this.#firstIndexAtOrAfter(lowKey) : 0;
      if (scan.after !== undefined) {
        index = Math.max(index, this.#firstIndexAfter(scan.after));
      }
      for (; index < entries.length; index++) {
        const kept = entries[index];
        if (highKey !== undefined && kept.key > highKey) {
          return;
        }
        yield kept;
      }
    } else {
      let index = highKey
        ? this.#firstIndexAfter(highKey) - 1
        : entries.length - 1;
      if (scan.after !== undefined) {
        index = Math.min(index, this.#firstIndexAtOrAfter(scan.after) - 1);
      }
      for (; index >= 0; index--) {
        const kept = entries[index];
        if (lowKey !== undefined && kept.key < lowKey) {
          return;
        }
        yield kept;
      }
    }
  }

  #complete(entry: LogEntryJson, now: LogTime): StoredLogEntry {
    this.#writes += 1;
    const timestamp = entry.timestamp ? parseLogTime(entry.timestamp) : now;
    const receiveTimestamp = entry.receiveTimestamp
      ? parseLogTime(entry.receiveTimestamp)
      : now;
    return {
      ...entry,
      insertId: entry.insertId ?? assignedInsertId(this.#writes),
      timestamp: formatLogTime(timestamp ?? now),
      receiveTimestamp: formatLogTime(receiveTimestamp ?? now),
    };
  }

  #insert(kept: KeptEntry): void {
    const entries = this.#entries;
    const last = entries[entries.length - 1];
    if (!last || last.key <= kept.key) {
      entries.push(kept);
      return;
    }
    entries.splice(this.#firstIndexAfter(kept.key), 0, kept);
  }

  /** The index of the first entry whose key is >= `key`. */
  #firstIndexAtOrAfter(key: string): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#entries[middle].key < key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The index of the first entry whose key is > `key`. */
  #firstIndexAfter(key: string): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#entries[middle].key <= key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}

function byKey(a: KeptEntry, b: KeptEntry): number {
  if (a.key === b.key) {
    return 0;
  }
  return a.key < b.key ? -1 : 1;
}

/** The key entries are ordered by: timestamp, then insertId. */
export function sortKeyOf(entry: StoredLogEntry): string {
  const time = parseLogTime(entry.timestamp) ?? { seconds: 0, nanos: 0 };
  return sortableLogTime(time) + entry.insertId;
}

/**
 * Server-assigned insertIds: they sort in write order (as Cloud Logging
 * promises for entries written without one) and are unique in a store.
 */
function assignedInsertId(sequence: number): string {
  return `s${sequence.toString(36).padStart(12, '0')}`;
}
