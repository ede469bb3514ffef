type Task = { at: number; seq: number; run: () => void; cancelled: boolean };

/**
 * Runs many delayed tasks from one timer: thousands of pods each waiting for
 * their next step cost one `setTimeout`, and `stop()` clears everything so
 * nothing keeps the process (or Jest) alive.
 */
export class Timeline {
  readonly #heap: Task[] = [];
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  #seq = 0;
  #stopped = false;

  static create(): Timeline {
    return new Timeline();
  }

  /** Runs `run` after `delayMs`; returns the function that cancels it. */
  after(delayMs: number, run: () => void): () => void {
    const task: Task = {
      at: Date.now() + Math.max(0, delayMs),
      seq: this.#seq++,
      run,
      cancelled: false,
    };
    if (this.#stopped) {
      return () => {};
    }
    this.#push(task);
    this.#arm();
    return () => {
      task.cancelled = true;
    };
  }

  /** Cancels every task and the timer; later `after` calls do nothing. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#heap.length = 0;
  }

  #arm() {
    const next = this.#heap[0];
    if (!next || next.at >= this.#timerAt) {
      return;
    }
    clearTimeout(this.#timer);
    this.#timerAt = next.at;
    this.#timer = setTimeout(
      () => this.#fire(),
      Math.max(0, next.at - Date.now()),
    );
  }

  #fire() {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = Date.now();
    while (!this.#stopped && this.#heap.length > 0 && this.#heap[0].at <= now) {
      const task = this.#pop()!;
      if (!task.cancelled) {
        task.run();
      }
    }
    if (!this.#stopped) {
      this.#arm();
    }
  }

  #push(task: Task) {
    const heap = this.#heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i], heap[parent])) {
        break;
      }
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  #pop(): Task | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && earlier(heap[left], heap[smallest])) {
          smallest = left;
        }
        if (right < heap.length && earlier(heap[right], heap[smallest])) {
          smallest = right;
        }
        if (smallest === i) {
          break;
        }
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function earlier(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
