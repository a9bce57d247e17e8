import { availableParallelism } from 'node:os';
import { maxJobs } from '../pool/jobs.js';
import { UsageError } from './exit.js';

/**
 * The render workers for `--jobs requested`: a whole number of at least 1, else a usage
 * error; past twice the cores, the most, with a note saying so.
 */
export function jobsFor(requested: number): number {
  if (!Number.isInteger(requested) || requested < 1) throw new UsageError('--jobs: expected a whole number of at least 1');
  const most = maxJobs();
  if (requested <= most) return requested;
  process.stderr.write(`--jobs ${requested}: this machine has ${availableParallelism()} CPU cores; using ${most} render workers (more only wait for one another)\n`);
  return most;
}
