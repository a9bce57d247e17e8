import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';

// The bundled worker entry runs the worker's code from V8's code cache made by the build
// (npm test builds first). These run it in a worker thread of a fresh process, as the pool does.
const root = new URL('../../', import.meta.url).pathname;

/** Loads `<bundleDir>/worker.js` in a worker thread; renders the iv visit's discharge sheet when `render`. */
function inWorker(bundleDir: string, options: { render?: boolean; env?: Record<string, string> } = {}) {
  const script = `
    const { Worker } = require('node:worker_threads');
    const w = new Worker(${JSON.stringify(`
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.entry).then(async (m) => {
        const outcome = workerData.task ? await m.default(workerData.task) : undefined;
        parentPort.postMessage({ usedCodeCache: m.usedCodeCache, outcome });
      });
    `)}, { eval: true, workerData: JSON.parse(process.argv[1]), resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 256 } });
    w.once('message', (m) => { process.stdout.write(JSON.stringify({ usedCodeCache: m.usedCodeCache, status: m.outcome?.status, bytes: m.outcome?.bytes ? Buffer.from(m.outcome.bytes).toString('base64') : undefined })); w.terminate(); });
    w.once('error', (e) => { console.error(e); process.exit(3); });
  `;
  const task = options.render ? { input: visit('iv'), clinic: clinic(), docs: ['discharge'], lang: undefined, paper: 'letter', duplex: false } : undefined;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify({ entry: join(bundleDir, 'worker.js'), task })], { cwd: root, env: { ...process.env, TZ: 'UTC', ...options.env }, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { usedCodeCache: boolean; status?: string; bytes?: string };
}

describe('the bundled render worker', () => {
  const bundle = join(root, 'dist/bundle');

  it('starts from the code cache the build made, and renders the same bytes as the library', async () => {
    const cached = inWorker(bundle, { render: true });
    expect(cached.usedCodeCache).toBe(true);
    expect(cached.status).toBe('ok');
    const library = await renderDocument('discharge', visit('iv'), clinic());
    expect(Buffer.from(cached.bytes ?? '', 'base64').equals(Buffer.from(library.bytes))).toBe(true);

    const uncached = inWorker(bundle, { render: true, env: { CAREPRINT_WORKER_CACHE: 'off' } });
    expect(uncached.usedCodeCache).toBe(false);
    expect(uncached.bytes).toBe(cached.bytes);
  });

  it('does not use a cache made from other code, or a damaged one, and still renders', () => {
    // A copy of the bundle beside the fonts and templates, as it sits in the package.
    const dir = mkdtempSync(join(tmpdir(), 'careprint-worker-'));
    try {
      cpSync(bundle, join(dir, 'dist/bundle'), { recursive: true });
      for (const shared of ['fonts', 'templates', 'package.json']) symlinkSync(join(root, shared), join(dir, shared));
      const copy = join(dir, 'dist/bundle');
      expect(inWorker(copy).usedCodeCache).toBe(true);

      // The same length, other code: V8 checks only the length, the entry checks the digest.
      const codeFile = join(copy, 'worker-code.cjs');
      const code = readFileSync(codeFile, 'utf8');
      writeFileSync(codeFile, code.replace(/\n$/, ' '));
      const edited = inWorker(copy, { render: true });
      expect(edited.usedCodeCache).toBe(false);
      expect(edited.status).toBe('ok');

      writeFileSync(codeFile, code);
      const cacheFile = `${codeFile}.cache`;
      const cache = readFileSync(cacheFile);
      writeFileSync(cacheFile, cache.subarray(0, 80));
      expect(inWorker(copy, { render: true })).toMatchObject({ usedCodeCache: false, status: 'ok' });
      // One byte changed in V8's data, which V8 itself does not check in a release build.
      const flipped = Buffer.from(cache);
      const middle = Math.floor(flipped.length / 2);
      flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
      writeFileSync(cacheFile, flipped);
      expect(inWorker(copy, { render: true })).toMatchObject({ usedCodeCache: false, status: 'ok' });
      writeFileSync(cacheFile, cache);
      expect(inWorker(copy).usedCodeCache).toBe(true);
      rmSync(cacheFile);
      expect(inWorker(copy, { render: true })).toMatchObject({ usedCodeCache: false, status: 'ok' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
