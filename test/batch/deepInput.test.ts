import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/runBatch.js';
import { readScheduleText } from '../../src/batch/schedule.js';
import { clinic } from '../helpers/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const temp = () => mkdtempSync(join(tmpdir(), 'careprint-deep-'));
const base = { clinic: clinic(), docs: ['discharge'], paper: 'letter' as const, duplex: false, printFile: false, jobs: 1 };

/** The fixture schedule's first two visits, as NDJSON lines. */
const [first, second] = readFileSync(join(root, 'fixtures/schedules/2026-11-24.ndjson'), 'utf8').split('\n') as [string, string];
/** A visit whose patient holds a list nested `levels` deep (with the visit and patient objects around it). */
const nested = (levels: number) => `{"patient":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
const deepRow = nested(20_000);
const tooDeep = 'row: nesting deeper than 64 levels; a visit nests 3';

const problemsOf = (rows: readonly { status: string; problems?: readonly { path: string; message: string }[] }[]) =>
  rows.map((r) => (r.status === 'ok' ? 'ok' : (r.problems ?? []).map((p) => `${p.path}: ${p.message}`).join('; ')));

async function readText(text: string, format: 'ndjson' | 'json') {
  const rows = [];
  for await (const r of readScheduleText(text, format)) rows.push({ row: r.row, problems: r.problems.map((p) => `${p.path}: ${p.message}`) });
  return rows;
}

describe('a schedule row nested too deep', () => {
  it('is one invalid row of an NDJSON schedule, and the others print', async () => {
    // It used to stop the whole run with "internal error (RangeError)": no PDF, no manifest, no errors.csv.
    const dir = temp();
    const file = join(dir, 'day.ndjson');
    writeFileSync(file, [first, deepRow, second, ''].join('\n'));
    const out = join(dir, 'run');
    const { manifest } = await runBatch({ ...base, schedule: file, outDir: out });
    expect(problemsOf(manifest.rows)).toEqual(['ok', tooDeep, 'ok']);
    const errors = parse(readFileSync(join(out, 'errors.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(errors.map((e) => [e['row'], e['problems']])).toEqual([['2', tooDeep]]);
  });

  it('is one invalid row of a JSON-array schedule, and the others print', async () => {
    const dir = temp();
    const file = join(dir, 'day.json');
    writeFileSync(file, `[${first},\n${deepRow},\n${second}]\n`);
    const { manifest } = await runBatch({ ...base, schedule: file, outDir: join(dir, 'run') });
    expect(problemsOf(manifest.rows)).toEqual(['ok', tooDeep, 'ok']);
  });

  it('draws the line at 64 levels, in NDJSON and in a JSON array alike', async () => {
    const notDepth = (rows: { problems: string[] }[]) => rows.map((r) => r.problems.includes(tooDeep));
    expect(notDepth(await readText(`${nested(64)}\n${nested(65)}\n`, 'ndjson'))).toEqual([false, true]);
    expect(notDepth(await readText(`[${nested(64)},${nested(65)}]`, 'json'))).toEqual([false, true]);
    // Brackets inside text are not nesting.
    expect(notDepth(await readText(`{"patient":{"givenName":"${'['.repeat(100)}"}}\n`, 'ndjson'))).toEqual([false]);
  });

  it('leaves the command a run with exit 1, its manifest and errors.csv, not an internal error', () => {
    const dir = temp();
    const file = join(dir, 'day.ndjson');
    writeFileSync(file, [first, deepRow, ''].join('\n'));
    const out = join(dir, 'run');
    const r = spawnSync(process.execPath, [join(root, 'bin/careprint.js'), 'batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', out, '--no-progress', '--jobs', '1'], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('row 2 invalid: row\n');
    expect(['manifest.json', 'errors.csv', '2026-11-24_HL-200100_discharge.pdf'].map((f) => existsSync(join(out, f)))).toEqual([true, true, true]);
  });
});
