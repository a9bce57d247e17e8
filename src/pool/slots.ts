interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  /** Set when its signal gave it up while it waited; it is skipped, not served. */
  gone: boolean;
}

/**
 * A fixed number of slots handed out strictly first come, first served. The render
 * pool takes a slot before it gives a task to piscina, so piscina always has a free
 * worker for it and never queues. Piscina's own queue is not first come, first served
 * (piscinajs/piscina#1031): each time a worker frees, the next waiting task goes to the
 * back of the queue, and with an abort signal (the service's time limit) even its
 * `stricterFIFO` option serves the newest task first. Under steady load some requests
 * waited ten times the median while later ones went ahead.
 */
export class Slots {
  readonly #size: number;
  #taken = 0;
  /** Waiters in arrival order; `#head` is the first one not yet served. */
  #waiting: Waiter[] = [];
  #head = 0;

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  /** Resolves when a slot is this caller's; rejects with the signal's reason if it is aborted first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#taken < this.#size && this.#head === this.#waiting.length) {
      this.#taken++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiter.gone = true;
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
        gone: false,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Turns away every waiter, with `reason`; slots already taken stay taken until released. */
  rejectWaiting(reason: unknown): void {
    const waiting = this.#waiting.slice(this.#head);
    this.#waiting = [];
    this.#head = 0;
    for (const waiter of waiting) {
      if (waiter.gone) continue;
      waiter.gone = true;
      waiter.reject(reason);
    }
  }

  /** Gives a slot back; the longest waiter still waiting takes it. */
  release(): void {
    this.#taken--;
    while (this.#taken < this.#size && this.#head < this.#waiting.length) {
      const waiter = this.#waiting[this.#head++] as Waiter;
      if (waiter.gone) continue;
      this.#taken++;
      waiter.resolve();
    }
    // Served waiters are dropped in one go once they are most of the array.
    if (this.#head > 64 && this.#head * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}
