import { availableParallelism } from 'node:os';
import { maxJobs } from '../pool/jobs.js';

/** The render workers for `--jobs requested`: past twice the cores, the most, with a note saying so. */
export function jobsFor(requested: number): number {
  const most = maxJobs();
  if (requested <= most) return requested;
  process.stderr.write(`--jobs ${requested}: this machine has ${availableParallelism()} CPU cores; using ${most} render workers (more only wait for one another)\n`);
  return most;
}
