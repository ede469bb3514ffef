import { RecordFilter } from './RecordFilter';

/**
 * fluent-bit's throttle filter: a sliding window of `window` panes of
 * `intervalMs` each; a record is dropped while the average per pane over
 * the window (integer division, as the C code does) has reached `rate`.
 * Time is the record's time, so the simulation does not depend on how
 * fast it runs.
 */
export class ThrottleFilter implements RecordFilter {
  readonly #rate: number;
  readonly #intervalMs: number;
  readonly #panes: number[];
  #paneStart: number | undefined;

  static create(options: {
    rate: number;
    window: number;
    intervalMs: number;
  }): ThrottleFilter {
    return new ThrottleFilter(options.rate, options.window, options.intervalMs);
  }

  private constructor(rate: number, window: number, intervalMs: number) {
    this.#rate = rate;
    this.#intervalMs = Math.max(1, intervalMs);
    this.#panes = new Array(Math.max(1, window)).fill(0);
  }

  admits(_record: unknown, timeMs: number): boolean {
    this.#advanceTo(timeMs);
    const total = this.#panes.reduce((sum, count) => sum + count, 0);
    if (Math.floor(total / this.#panes.length) >= this.#rate) {
      return false;
    }
    this.#panes[this.#panes.length - 1] += 1;
    return true;
  }

  #advanceTo(timeMs: number): void {
    if (this.#paneStart === undefined) {
      this.#paneStart = timeMs;
      return;
    }
    const elapsed = Math.floor((timeMs - this.#paneStart) / this.#intervalMs);
    if (elapsed <= 0) {
      return;
    }
    const shifts = Math.min(elapsed, this.#panes.length);
    for (let i = 0; i < shifts; i++) {
      this.#panes.shift();
      this.#panes.push(0);
    }
    this.#paneStart += elapsed * this.#intervalMs;
  }
}

/** fluent-bit's time strings: `5`, `5s`, `2m`, `1h`, `1d` (seconds when bare). */
export function durationMs(
  text: string | undefined,
  fallbackMs: number,
): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text?.trim() ?? '');
  if (!match) {
    return fallbackMs;
  }
  const unit =
    { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2].toLowerCase()] ?? 1;
  return Number(match[1]) * unit * 1000;
}
