import { availableParallelism } from 'node:os';

/**
 * The most render workers a pool starts: twice the machine's cores. Rendering keeps a
 * core busy, so workers past the cores only wait for one another, and each holds about
 * 50 MB: a mistyped `--jobs 100` took 3.2 GB and ten times as long for a day's 42 sheets.
 */
export function maxJobs(): number {
  return 2 * Math.max(1, availableParallelism());
}

/** The workers a pool starts for `requested` (default: the cores), between 1 and `maxJobs()`. */
export function poolJobs(requested?: number): number {
  return Math.min(maxJobs(), Math.max(1, requested ?? availableParallelism()));
}
