import { errorKind, type Problem } from '../errors.js';
import type { Paper } from '../layout/types.js';
import type { TemplateSetRef } from '../template/registry.js';
import { RenderPool } from '../pool/renderPool.js';
import type { RenderOutcome, RenderTask } from '../pool/task.js';

/** A row to render: its number in the schedule, the visit, and problems already found reading it. */
export interface BatchRow {
  readonly row: number;
  readonly input: unknown;
  readonly problems?: readonly Problem[];
}

export interface BatchOptions {
  /** One document per row, or several as a packet per row. Default: the discharge sheet. */
  readonly docs?: readonly string[];
  /** Overrides each patient's language. */
  readonly lang?: string;
  /** A clinic's template set, linted where it was loaded. */
  readonly templates?: TemplateSetRef;
  readonly paper?: Paper;
  readonly duplex?: boolean;
  /** Worker threads; default: the machine's cores. */
  readonly jobs?: number;
  /**
   * Render in this pool instead of one of its own (then `jobs` is the pool's), and leave
   * it running afterwards: a caller can start the workers while it reads its rows.
   */
  readonly pool?: RenderPool;
}

export type BatchResult = { readonly row: number } & RenderOutcome;

/** A row careprint itself failed on. Only the error's kind is kept: its message could quote the row's data. */
function internalProblem(error: unknown): Problem {
  return { code: 'internal', path: 'careprint', message: `failed while making this row's document (${errorKind(error)}); the other rows are not affected`, hint: 'report it with the row; running the row again may work if a render worker stopped' };
}

/**
 * A pool for a batch: `jobs` workers (default: the machine's cores), each handed its
 * next row while it renders the current one, since a batch feeds the pool faster than
 * one row at a time.
 */
export function batchPool(jobs?: number): RenderPool {
  return new RenderPool({ ...(jobs !== undefined ? { jobs } : {}), tasksPerWorker: 2 });
}

/**
 * Renders many visits in a pool of worker threads and yields one result per row, in
 * the order the rows came, as soon as each is ready: a consumer can stream a day's
 * schedule without holding every PDF. At most a few rows per worker are in flight.
 * Rows with problems already found are reported as invalid without rendering.
 */
export async function* renderBatch(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, clinic: unknown, options: BatchOptions = {}): AsyncGenerator<BatchResult> {
  const pool = options.pool ?? batchPool(options.jobs);
  const window = pool.jobs * 4;
  const inFlight: Promise<BatchResult>[] = [];
  const docs = options.docs ?? ['discharge'];
  const submit = (row: BatchRow): Promise<BatchResult> => {
    if (row.problems && row.problems.length > 0) return Promise.resolve({ row: row.row, status: 'invalid', problems: row.problems });
    const task: RenderTask = { input: row.input, clinic, docs, lang: options.lang, paper: options.paper ?? 'letter', duplex: options.duplex ?? false, ...(options.templates ? { templates: options.templates } : {}) };
    return pool.run(task).then(
      (outcome) => ({ row: row.row, ...outcome }),
      // A failure of careprint itself (a bug, a worker that died) costs this row, not the run,
      // and is caught at once: a rejection not yet awaited would end the process.
      (error: unknown): BatchResult => ({ row: row.row, status: 'invalid', problems: [internalProblem(error)] }),
    );
  };
  try {
    for await (const row of rows) {
      inFlight.push(submit(row));
      if (inFlight.length >= window) yield await (inFlight.shift() as Promise<BatchResult>);
    }
    while (inFlight.length > 0) yield await (inFlight.shift() as Promise<BatchResult>);
  } finally {
    // Rejections of rows never awaited must not go unhandled when the consumer stops early.
    for (const p of inFlight) p.catch(() => undefined);
    if (!options.pool) await pool.destroy();
  }
}
