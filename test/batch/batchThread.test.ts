import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromThreadError, runBatchInThread, threadError } from '../../src/batch/batchThread.js';
import type { ManifestRow } from '../../src/batch/manifest.js';
import { runBatch } from '../../src/batch/runBatch.js';
import { CareprintError } from '../../src/errors.js';
import { clinic } from '../helpers/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const schedule = join(root, 'fixtures/schedules/2026-11-24.csv');
const temp = () => mkdtempSync(join(tmpdir(), 'careprint-batch-thread-'));
const hashes = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
const base = { clinic: clinic(), docs: ['discharge'], paper: 'letter' as const, duplex: false, printFile: true, jobs: 2 };

describe('a batch in a thread of its own', () => {
  it('writes what runBatch writes, and reports each row once to this thread', async () => {
    const [inThread, here] = [temp(), temp()];
    const started: [number, number][] = [];
    const rows: ManifestRow[] = [];
    const printFiles: number[] = [];
    const summary = await runBatchInThread({
      ...base,
      schedule,
      outDir: inThread,
      onStart: (total, reused) => started.push([total, reused]),
      onRow: (row) => rows.push(row),
      onPrintFile: (documents) => printFiles.push(documents),
    });
    const direct = await runBatch({ ...base, schedule, outDir: here });

    expect(hashes(inThread)).toEqual(hashes(here));
    const { rows: directRows, ...directRest } = direct.manifest;
    expect(summary).toEqual({ manifest: directRest, rendered: 36, reused: 0 });
    expect(started).toEqual([[42, 0]]);
    expect(printFiles).toEqual([36]);
    // Every row once, as manifest.json has it.
    expect([...rows].sort((a, b) => a.row - b.row)).toEqual(directRows);
  });

  it('throws a careprint error of the run with its problems, and leaves nothing behind', async () => {
    const out = temp();
    const badClinic = await runBatchInThread({ ...base, clinic: { ...clinic(), timeZone: 'Mars/Olympus' }, schedule, outDir: out }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(badClinic).toBeInstanceOf(CareprintError);
    expect((badClinic as CareprintError).problems.map((p) => p.path)).toEqual(['clinic.timeZone']);
    expect(readdirSync(out)).toEqual([]);

    const file = join(out, 'not-a-directory');
    writeFileSync(file, 'keep me');
    const notDirectory = await runBatchInThread({ ...base, schedule, outDir: file }).then(
      () => null,
      (error: unknown) => error,
    );
    expect((notDirectory as CareprintError).problems).toMatchObject([{ code: 'io', path: 'out' }]);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('lets a run finish whole when a callback throws, then throws what it threw', async () => {
    const out = temp();
    const failure = new Error('the progress display failed');
    let calls = 0;
    const error = await runBatchInThread({
      ...base,
      schedule,
      outDir: out,
      onRow: () => {
        calls++;
        throw failure;
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBe(failure);
    expect(calls).toBe(1);
    // The run went on to the end: its manifest is written and its lock released.
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ counts: { rows: 42, ok: 36, invalid: 6 } });
    expect(existsSync(join(out, '.careprint.lock'))).toBe(false);
  });

  it('carries any other error across as what it was: its kind, message, code and stack', () => {
    const original = Object.assign(new TypeError('cannot read the thing'), { code: 'ERR_SOMETHING' });
    const rebuilt = fromThreadError(structuredClone(threadError(original)));
    expect([rebuilt.name, rebuilt.message, (rebuilt as NodeJS.ErrnoException).code, rebuilt.stack]).toEqual(['TypeError', 'cannot read the thing', 'ERR_SOMETHING', original.stack]);
    const problems = [{ code: 'input_invalid' as const, path: 'schedule', message: 'is empty', value: 'x' }];
    const careprint = fromThreadError(structuredClone(threadError(new CareprintError(problems))));
    expect(careprint).toBeInstanceOf(CareprintError);
    expect((careprint as CareprintError).problems).toEqual(problems);
    expect(fromThreadError(threadError('a string thrown'))).toMatchObject({ name: 'Error', message: 'a string thrown' });
  });
});

describe('a batch thread that cannot load the batch', () => {
  it('ends with the error, having written nothing', async () => {
    // A copy of the compiled library with the batch's own module missing, as a broken install would have it.
    const copy = temp();
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
    rmSync(join(copy, 'dist/batch/runBatch.js'));
    const { runBatchInThread: inCopy } = (await import(pathToFileURL(join(copy, 'dist/batch/batchThread.js')).href)) as typeof import('../../src/batch/batchThread.js');
    const error = await inCopy({ ...base, schedule, outDir: join(copy, 'out') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    expect(existsSync(join(copy, 'out'))).toBe(false);
  }, 20_000);
});
