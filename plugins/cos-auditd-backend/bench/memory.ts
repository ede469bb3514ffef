/** Resident set size of this process (the backend runs in it): sampled, and the kernel's peak. */
import { readFileSync, writeFileSync } from 'node:fs';

export class RssSampler {
  #max = 0;
  #samples = 0;
  #timer: NodeJS.Timeout | undefined;
  #peakReset = false;

  /** Starts sampling every `intervalMs` (when the event loop lets it) and resets the kernel's peak. */
  start(intervalMs = 10): void {
    this.#max = process.memoryUsage.rss();
    this.#samples = 1;
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      this.#peakReset = true;
    } catch {
      this.#peakReset = false;
    }
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  /** One sample now; called after every request as well. */
  sample(): void {
    this.#samples++;
    this.#max = Math.max(this.#max, process.memoryUsage.rss());
  }

  /** Stops sampling; the largest sample, and the kernel's peak RSS since `start` when it could be reset. */
  stop(): { maxSampled: number; peak: number | undefined; samples: number } {
    clearInterval(this.#timer);
    this.sample();
    return {
      maxSampled: this.#max,
      peak: this.#peakReset ? peakRssOfSelf() : undefined,
      samples: this.#samples,
    };
  }
}

/** VmHWM of this process, in bytes. */
function peakRssOfSelf(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(
      readFileSync('/proc/self/status', 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
