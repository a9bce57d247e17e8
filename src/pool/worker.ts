import { runRenderTask, type RenderOutcome, type RenderTask } from './task.js';

/**
 * The worker side of the pool: fonts, metrics and compiled templates are loaded on
 * first use and kept for the life of the worker thread.
 */
export default function render(task: RenderTask): Promise<RenderOutcome> {
  return runRenderTask(task);
}
