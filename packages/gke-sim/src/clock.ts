/**
 * The simulator's notion of now. Every timestamp it writes (object creation,
 * pod transitions, log entries) comes from here, so tests can move time.
 */
export class Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves the simulator's time by `ms` (negative to go back). */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Sets the simulator's time to `date`; it keeps running from there. */
  set(date: Date): void {
    this.#offsetMs = date.getTime() - Date.now();
  }
}
