/**
 * Settings for the property tests (fast-check). `npm test` runs a bounded number of cases
 * with a fixed seed, so a failure reproduces; `npm run fuzz` runs many more
 * (FUZZ_RUNS, 10,000 by default there) with a seed of its own, printed on failure.
 *
 * To replay a failure, run with the seed and path fast-check printed:
 *   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz
 */
import type { Parameters } from 'fast-check';

const fixedSeed = 20261208;

export function fuzzParameters<T>(testRuns = 50): Parameters<T> {
  const runs = process.env['FUZZ_RUNS'] === undefined ? testRuns : Number(process.env['FUZZ_RUNS']);
  const seed = process.env['FUZZ_SEED'] === undefined ? (process.env['FUZZ_RUNS'] === undefined ? fixedSeed : Date.now() % 2 ** 31) : Number(process.env['FUZZ_SEED']);
  const path = process.env['FUZZ_PATH'];
  return { numRuns: runs, seed, ...(path === undefined ? {} : { path }), endOnFailure: true };
}

/** Generous time for a long fuzz run; a bounded run in `npm test` stays within the default. */
export const fuzzTimeout = process.env['FUZZ_RUNS'] === undefined ? 60_000 : 3_600_000;
