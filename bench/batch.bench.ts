/**
 * npm run bench:batch — `careprint batch` itself, run as a front desk runs it, on a
 * generated schedule of discharge sheets: 1,000 rows with 1 and 2 workers (and with 2
 * again, making the print file), then 10,000 rows with 2 to show that the rate holds
 * and memory stays flat, and 10,000 again with two malloc arenas (MALLOC_ARENA_MAX=2,
 * as docs/batch.md suggests for the evening batch), unless the caller set
 * MALLOC_ARENA_MAX for every run. Each run is a fresh process; its peak RSS (worker threads
 * included: they share the process) is read from /proc while it runs. Prints wall
 * seconds, sheets and pages per second, peak RSS and the CPU time all its threads used
 * (last read from /proc just before it ends); asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, memoryMb } from './proc.js';

const root = new URL('../', import.meta.url);
const cli = new URL('bin/careprint.js', root).pathname;
const template = JSON.parse(readFileSync(new URL('fixtures/visits/iv.json', root), 'utf8')) as { patient: Record<string, unknown>; session: Record<string, unknown> };
const given = ['Dana', 'Marcus', 'Ruth', 'Theo', 'María José', 'Lan', 'Zofia', 'Emre', 'Aoife', 'Kwame', 'Ingrid', 'Jean-Luc', 'Priya', 'Tomás', 'Hana', 'Olu'];
const family = ['Whitfield', 'Oyelaran', 'Castellano', 'Brandt', 'Núñez Peña', 'Nguyen', 'Łukasiewicz', 'Öztürk', 'Ní Bhriain', 'Mensah', 'Solberg', 'Durand', 'Raman', 'Ibarra', 'Sato', 'Adeyemi', 'Keane'];

/** Invented patients, every name and MRN different, sessions every 15 minutes over five days. */
function schedule(rows: number, dir: string): string {
  const file = join(dir, `schedule-${rows}.ndjson`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const minutes = 7 * 60 + (i % 48) * 15;
    const day = 24 + (Math.floor(i / 48) % 5);
    const start = `2026-11-${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const patient = { ...template.patient, mrn: `BN-${100000 + i}`, givenName: given[i % given.length], familyName: `${family[i % family.length]}-${i}` };
    lines.push(JSON.stringify({ ...template, patient, session: { ...template.session, id: `B-${i}`, start }, nextAppointment: undefined }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function run(rows: number, jobs: number, file: string, dir: string, printFile = false, env: Record<string, string> = {}) {
  const out = join(dir, `out-${rows}-${jobs}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', out, '--jobs', String(jobs), '--no-progress', ...(printFile ? ['--print-file'] : [])], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  let peak = 0;
  let cpu = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMb(child.pid as number).peakMb);
      cpu = Math.max(cpu, cpuSeconds(child.pid as number));
    } catch {
      // The process has just ended; its last readings stand.
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`careprint batch exited ${code}: ${stderr}`);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: { ok: number }; rows: { status: string; pages?: number }[] };
  if (manifest.counts.ok !== rows) throw new Error(`only ${manifest.counts.ok} of ${rows} rows rendered`);
  const pages = manifest.rows.reduce((a, r) => a + (r.pages ?? 0), 0);
  rmSync(out, { recursive: true, force: true });
  console.log(
    `${String(rows).padStart(6)} sheets (${pages} pages), --jobs ${jobs}${printFile ? ' --print-file' : ''}${Object.entries(env).map(([k, v]) => `, ${k}=${v}`).join('')}: ${seconds.toFixed(2).padStart(6)} s wall, ` +
      `${(rows / seconds).toFixed(0).padStart(4)} sheets/s, ${(pages / seconds).toFixed(0).padStart(4)} pages/s, peak RSS ${peak.toFixed(0)} MB, ` +
      `CPU ${cpu.toFixed(1)} s (${((cpu * 1000) / rows).toFixed(1)} ms a sheet, ${(cpu / seconds).toFixed(2)} cores busy)`,
  );
}

if (!existsSync(new URL('dist/bundle/careprint.mjs', root))) throw new Error('run npm run build first');
const dir = mkdtempSync(join(tmpdir(), 'careprint-bench-'));
try {
  const arenas = process.env.MALLOC_ARENA_MAX;
  console.log(`careprint batch, discharge sheets, Node ${process.version}, each run a fresh process (start-up included)${arenas ? `, MALLOC_ARENA_MAX=${arenas}` : ''}`);
  const thousand = schedule(1000, dir);
  await run(1000, 1, thousand, dir);
  await run(1000, 2, thousand, dir);
  await run(1000, 2, thousand, dir, true);
  const tenThousand = schedule(10000, dir);
  await run(10000, 2, tenThousand, dir);
  if (!arenas) await run(10000, 2, tenThousand, dir, false, { MALLOC_ARENA_MAX: '2' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
