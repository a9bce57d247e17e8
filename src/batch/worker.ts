import { runRowTask, type RowOutcome, type RowTask } from './task.js';

/**
 * The worker side of the pool: fonts, metrics and compiled templates are loaded on
 * first use and kept for the life of the worker thread.
 */
export default function renderRow(task: RowTask): Promise<RowOutcome> {
  return runRowTask(task);
}
