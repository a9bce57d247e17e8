import { parentPort, workerData } from 'node:worker_threads';
import { threadError, type BatchThreadMessage, type BatchThreadOptions } from './batchThread.js';
import { batchPool } from './renderBatch.js';

/** The batch's thread (see batchThread.ts): runs the batch and tells its starter each step. */
const port = parentPort;
if (!port) throw new Error('batchThreadEntry runs only as a worker thread');
const post = (message: BatchThreadMessage) => port.postMessage(message);
const options = workerData as BatchThreadOptions;

try {
  // The render workers start first: they load their fonts and code while this thread
  // loads the rest of the batch's (the schedule readers, the schemas) and reads the schedule.
  const pool = batchPool(options.jobs || undefined);
  // The run takes the pool over and destroys it; if the batch's code cannot be loaded,
  // the pool is destroyed here, before the failure is reported.
  const { runBatchInPool } = await import('./runBatch.js').catch(async (error: unknown) => {
    await pool.destroy();
    throw error;
  });
  const { manifest, rendered, reused } = await runBatchInPool(
    {
      ...options,
      onStart: (total, reused) => post({ type: 'start', total, reused }),
      onRow: (row, reused) => post({ type: 'row', row, reused }),
      onPrintFile: (documents) => post({ type: 'printFile', documents }),
    },
    pool,
  );
  const { rows: _rows, ...rest } = manifest;
  post({ type: 'done', summary: { manifest: rest, rendered, reused } });
} catch (error) {
  post({ type: 'failed', error: threadError(error) });
}
