import { Piscina } from 'piscina';
import { errorKind } from '../errors.js';
import { builtFile } from '../util/builtFile.js';
import { poolJobs } from './jobs.js';
import { Slots } from './slots.js';
import type { RenderOutcome, RenderTask } from './task.js';

export interface RenderPoolOptions {
  /** Worker threads; default: the machine's cores, and at most twice them (see `maxJobs`). */
  readonly jobs?: number;
  /**
   * Tasks that may wait for a free worker; past that, `run` rejects at once with
   * `PoolBusyError` (a service answers 503). Default: no limit (a batch feeds the
   * pool at its own pace).
   */
  readonly maxQueue?: number;
  /**
   * Tasks handed to a worker at once. With 2 the next task is already waiting in the
   * worker when one finishes, so it does not sit idle for the round trip to the main
   * thread (5–7% of a lone batch worker's time in a profile). Two renders in one
   * worker may interleave at their awaits; they share only caches of values that do
   * not change, so each gives the bytes it gives alone (a test checks). Piscina hands
   * tasks with an abort signal (the service's time limit) over one at a time, so a
   * pool for them keeps the default, 1.
   */
  readonly tasksPerWorker?: number;
  /**
   * Told when the pool itself fails outside any task: a worker that stopped while idle,
   * or a pool that did not close in time. Given the error's kind only (its message can
   * quote a render's result). Answers that arrive after their task was settled (by
   * `destroy`, or a time limit) are expected and not reported. Default: nothing is told.
   */
  readonly onPoolError?: (kind: string) => void;
}

/** The pool is full: more tasks are waiting than it accepts. */
export class PoolBusyError extends Error {
  constructor() {
    super('every render worker is busy and the queue is full');
    this.name = 'PoolBusyError';
  }
}

/** The pool was destroyed before the task reached a worker. */
export class PoolDestroyedError extends Error {
  constructor() {
    super('the render pool was stopped before this task started');
    this.name = 'PoolDestroyedError';
  }
}

/** A task was given up (its time limit passed, or its caller went away). */
export class RenderAbortedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the render was stopped before it finished', options);
    this.name = 'RenderAbortedError';
  }
}

/**
 * The worker script: the bundled one where it exists (npm run build makes it; one file
 * starts about twice as fast as resolving every module of pdf-lib and fontkit, and it
 * runs from V8's code cache, see cachedWorker.ts), else the compiled one. Under a
 * TypeScript test runner the sources are .ts and a worker thread cannot load them, so
 * the built copies are used there too.
 */
function workerFile(): URL {
  // From dist/pool/ or dist/bundle/ the first is the bundle; from src/pool/ the third.
  return builtFile(['../bundle/worker.js', './worker.js', '../../dist/bundle/worker.js', '../../dist/pool/worker.js'], import.meta.url, 'the render worker');
}

/**
 * Worker threads that render visits, shared by the batch and the HTTP service. Each
 * worker loads fonts and compiles templates once and keeps them, and rendering never
 * blocks the caller's event loop. A task given up by its signal stops its worker,
 * which the pool replaces.
 */
export class RenderPool {
  readonly jobs: number;
  readonly #pool: Piscina<RenderTask, RenderOutcome>;
  /** Tasks running plus waiting that the pool takes before it answers busy. */
  readonly #limit: number;
  #inFlight = 0;
  /** Tasks go to piscina only when a worker can take them at once, in the order they came. */
  readonly #slots: Slots;
  /** Settles `#drained`, which `close` waits on, when the last task in flight settles. */
  #idle: (() => void) | undefined;
  #drained: Promise<void> | undefined;
  #destroyed: Promise<void> | undefined;
  /** Set once close or destroy is called: answers still arriving then are expected. */
  #stopping = false;

  constructor(options: RenderPoolOptions = {}) {
    this.jobs = poolJobs(options.jobs);
    this.#pool = new Piscina<RenderTask, RenderOutcome>({
      filename: workerFile().href,
      minThreads: this.jobs,
      maxThreads: this.jobs,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: options.tasksPerWorker ?? 1,
      // A render allocates briskly and keeps little: a 12 MB young generation keeps
      // scavenges cheap (measured with bench:server: 4 MB halved the rate then, 8 to 16 MB
      // gave the same rate and 12 MB about 20 MB less than 16), and a bounded old
      // generation keeps a worker from growing lazily between collections: a worker
      // holds about 35 MB once warm. (96 MB for every thread, given as a flag, left the
      // service about 30 MB smaller than 256 at the same rate; for the workers alone the
      // difference was within the noise, the main thread's young generation being what
      // grew.) A process flag such as --max-semi-space-size, which the Docker image sets
      // for the main thread, overrides these limits for the workers too.
      resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 96 },
    });
    this.#slots = new Slots(this.jobs * (options.tasksPerWorker ?? 1));
    this.#limit = options.maxQueue === undefined ? Number.POSITIVE_INFINITY : this.jobs + Math.max(0, options.maxQueue);
    // Piscina emits 'error' for a failure that belongs to no task, and for a worker's answer
    // that arrives after its task was settled (destroy() settles every task at once while
    // answers are still on their way). With no listener, Node ends the process and prints
    // the error, whose message quotes that answer: the patient's name and record number.
    this.#pool.on('error', (error: unknown) => {
      // A late answer: its task was settled already (the pool destroyed, or its worker stopped at the time limit).
      if (this.#stopping || (error instanceof Error && error.message.startsWith('Unexpected message from Worker'))) return;
      options.onPoolError?.(errorKind(error));
    });
  }

  async run(task: RenderTask, signal?: AbortSignal): Promise<RenderOutcome> {
    // Counted here rather than by piscina's maxQueue, which does not bound tasks that carry a signal.
    if (this.#destroyed) throw new PoolDestroyedError();
    if (this.#inFlight >= this.#limit) throw new PoolBusyError();
    this.#inFlight++;
    try {
      await this.#slots.acquire(signal);
      try {
        return await this.#pool.run(task, signal ? { signal } : {});
      } finally {
        this.#slots.release();
      }
    } catch (error) {
      if (signal?.aborted) throw new RenderAbortedError({ cause: error });
      throw error;
    } finally {
      if (--this.#inFlight === 0) this.#idle?.();
    }
  }

  /** Waits for the tasks running and waiting, then stops the workers. */
  async close(): Promise<void> {
    this.#stopping = true;
    if (this.#inFlight > 0) await (this.#drained ??= new Promise<void>((resolve) => (this.#idle = resolve)));
    await this.#pool.close();
  }

  /**
   * Stops the workers now: running tasks reject, and tasks waiting for a worker reject
   * with `PoolDestroyedError`, as does any task run later. Calling it again waits for the first call.
   */
  destroy(): Promise<void> {
    this.#stopping = true;
    // Tasks still waiting for a worker are turned away now, not handed to workers being stopped.
    this.#slots.rejectWaiting(new PoolDestroyedError());
    this.#destroyed ??= this.#pool.destroy();
    return this.#destroyed;
  }
}
