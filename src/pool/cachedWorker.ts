import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { RenderOutcome, RenderTask } from './task.js';

/**
 * The bundled render worker's entry (dist/bundle/worker.js). It runs the worker's code
 * (worker-code.cjs beside it, one CommonJS file) from V8's code cache, which the build
 * makes by rendering every example visit once (scripts/worker-cache.mjs): each worker
 * then starts with the bytecode of every function a render calls, instead of parsing
 * 2 MB of code and compiling each function on its first call. A cache that V8 refuses
 * (another Node version or other V8 flags) or that was made from other code is not
 * used, and the code is compiled as usual: the cache only saves time, never changes
 * what runs. Used only in the bundle: the compiled library loads pool/worker.js.
 */

/**
 * The cache file: the SHA-256 of the code it was made from, the SHA-256 of V8's data,
 * then that data. V8 checks a code cache's source only by its length, and its data by
 * no checksum at all in a release build, so a cache for other code, or one damaged on
 * disk, would otherwise be run as it is.
 */
const digestBytes = 32;

const codePath = fileURLToPath(new URL('./worker-code.cjs', import.meta.url));
const cachePath = `${codePath}.cache`;

function digest(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** V8's data from the cache file when it was made from the code of digest `codeDigest` and is whole. */
function cachedDataFor(codeDigest: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  const data = file.subarray(2 * digestBytes);
  if (data.length === 0 || !file.subarray(0, digestBytes).equals(codeDigest) || !file.subarray(digestBytes, 2 * digestBytes).equals(digest(data))) return undefined;
  return data;
}

// Only the code's digest is kept, and whether there was a cache: V8 keeps the wrapped
// source, and a second copy of the code (2 MB) or of the cache file (2 MB) would stay in
// every worker's memory for as long as it runs.
const { script, codeDigest, hadCache } = (() => {
  const code = readFileSync(codePath, 'utf8');
  const codeDigest = digest(code);
  const cachedData = process.env.CAREPRINT_WORKER_CACHE === 'off' ? undefined : cachedDataFor(codeDigest);
  // CommonJS's own wrapper, so the code sees exports, require, module, __filename and __dirname.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: codePath, ...(cachedData ? { cachedData } : {}) });
  return { script, codeDigest, hadCache: cachedData !== undefined };
})();
const module = { exports: {} as { default?: (task: RenderTask) => Promise<RenderOutcome> } };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(codePath), module, codePath, fileURLToPath(new URL('.', import.meta.url)));

const render = module.exports.default;
if (typeof render !== 'function') throw new Error(`${codePath} does not export the render function`);

/** Whether this worker's code came from the cache (the tests check it). */
export const usedCodeCache = hadCache && !script.cachedDataRejected;

/** The cache file's bytes for the code as it has run so far (the build writes it after warming up). */
export function codeCacheFile(): Buffer {
  const data = script.createCachedData();
  return Buffer.concat([codeDigest, digest(data), data]);
}

export { cachePath as codeCachePath };

export default render;
