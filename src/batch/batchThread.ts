import { Worker } from 'node:worker_threads';
import { CareprintError, type Problem } from '../errors.js';
import { builtFile } from '../util/builtFile.js';
import type { Manifest, ManifestRow } from './manifest.js';
import type { RunBatchOptions } from './runBatch.js';

/** What `runBatch` takes, less the callbacks: what is sent to the batch's thread. */
export type BatchThreadOptions = Omit<RunBatchOptions, 'onStart' | 'onRow' | 'onPrintFile'>;

/** An error as it crosses from the batch's thread: a careprint error's problems, or what any other error was. */
export type ThreadError = { readonly problems: readonly Problem[] } | { readonly name: string; readonly message: string; readonly stack?: string; readonly code?: string };

/**
 * A run's outcome as the batch's thread reports it: the manifest without its rows, which
 * are in manifest.json and were each reported as they settled (a 10,000-row manifest
 * copied between threads at the end would be the run's largest object).
 */
export interface BatchThreadSummary {
  readonly manifest: Omit<Manifest, 'rows'>;
  readonly rendered: number;
  readonly reused: number;
}

/** What the batch's thread tells the thread that started it, in order. */
export type BatchThreadMessage =
  | { readonly type: 'start'; readonly total: number; readonly reused: number }
  | { readonly type: 'row'; readonly row: ManifestRow; readonly reused: boolean }
  | { readonly type: 'printFile'; readonly documents: number }
  | { readonly type: 'done'; readonly summary: BatchThreadSummary }
  | { readonly type: 'failed'; readonly error: ThreadError };

export function threadError(error: unknown): ThreadError {
  if (error instanceof CareprintError) return { problems: error.problems };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function fromThreadError(error: ThreadError): Error {
  if ('problems' in error) return new CareprintError(error.problems);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  if (error.code) (rebuilt as NodeJS.ErrnoException).code = error.code;
  return rebuilt;
}

/**
 * The thread's script: the bundled one beside the bundled command line, else the
 * compiled one (under a TypeScript test runner, the built copy).
 */
function threadFile(): URL {
  return builtFile(['./batch-thread.mjs', './batchThreadEntry.js', '../../dist/batch/batchThreadEntry.js'], import.meta.url, 'the batch thread');
}

/**
 * The young generation of the batch's thread. V8 grows a thread's young generation
 * whenever objects outlive its collections, up to its limit: for the main thread 32 MB
 * (two 16 MB semi-spaces), reached within the first half second of a 10,000-row run while
 * the schedule is read. Bounded here, the thread collects more often, each time little.
 */
const youngGenerationMb = 6;

/**
 * `runBatch` in a thread of its own, with its callbacks called on this thread. The
 * command line runs a batch this way: its main thread then only reports progress, and
 * the run's memory is bounded (see `youngGenerationMb`) without a flag given to node.
 * The run's files, lock and exit are as `runBatch`'s: the thread is in this process.
 */
export function runBatchInThread(options: RunBatchOptions): Promise<BatchThreadSummary> {
  const { onStart, onRow, onPrintFile, ...rest } = options;
  const workerData: BatchThreadOptions = rest;
  return new Promise<BatchThreadSummary>((resolve, reject) => {
    const worker = new Worker(threadFile(), { workerData, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    let outcome: { readonly summary: BatchThreadSummary } | { readonly error: Error } | undefined;
    // A callback that throws fails the run, but the run is not cut short: it finishes
    // (every file whole, the lock released) and then the error is thrown.
    let callbackError: { readonly error: Error } | undefined;
    worker.on('message', (message: BatchThreadMessage) => {
      if (callbackError) return;
      try {
        switch (message.type) {
          case 'start':
            onStart?.(message.total, message.reused);
            break;
          case 'row':
            onRow?.(message.row, message.reused);
            break;
          case 'printFile':
            onPrintFile?.(message.documents);
            break;
          case 'done':
            outcome ??= { summary: message.summary };
            break;
          case 'failed':
            outcome ??= { error: fromThreadError(message.error) };
            break;
        }
      } catch (error) {
        callbackError = { error: error instanceof Error ? error : new Error(String(error)) };
      }
    });
    // Thrown in the thread outside the run (it cannot load, or runs out of memory).
    worker.on('error', (error) => (outcome ??= { error }));
    // Settled once the thread has ended, so its workers, files and lock are done with.
    worker.on('exit', (code) => {
      outcome = callbackError ?? outcome;
      if (outcome === undefined) reject(new Error(`the batch thread stopped (exit code ${code}) before the run finished`));
      else if ('summary' in outcome) resolve(outcome.summary);
      else reject(outcome.error);
    });
  });
}
