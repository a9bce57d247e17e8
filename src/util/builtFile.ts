import { existsSync } from 'node:fs';

/**
 * The first of `candidates` (relative to `base`, a module's URL) that exists: the
 * script a thread runs, found whether the code asking is the bundle, the compiled
 * library or the sources under a test runner (which a thread cannot load).
 */
export function builtFile(candidates: readonly string[], base: string, what: string): URL {
  for (const candidate of candidates) {
    const url = new URL(candidate, base);
    if (existsSync(url)) return url;
  }
  throw new Error(`${what} is not built; run npm run build`);
}
