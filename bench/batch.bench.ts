/**
 * npm run bench:batch — a generated schedule of discharge sheets through the batch
 * pipeline (the same code as `careprint batch`, in this process so that the worker
 * threads' memory counts in the RSS), for 1 and 2 workers, then 10,000 rows to show
 * the rate and memory hold. Prints wall seconds, sheets per second and peak RSS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../dist/batch/runBatch.js';

const root = new URL('../', import.meta.url);
const clinic = JSON.parse(readFileSync(new URL('fixtures/clinic.json', root), 'utf8')) as unknown;
const template = JSON.parse(readFileSync(new URL('fixtures/visits/iv.json', root), 'utf8')) as { patient: Record<string, unknown>; session: Record<string, unknown> };

function schedule(rows: number, dir: string): string {
  const file = join(dir, `schedule-${rows}.ndjson`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const minutes = 7 * 60 + (i % 48) * 15;
    const day = 24 + Math.floor(i / 48) % 5;
    const start = `2026-11-${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    lines.push(JSON.stringify({ ...template, patient: { ...template.patient, mrn: `BN-${100000 + i}`, givenName: `Given${i}`, familyName: `Family${i}` }, session: { ...template.session, id: `B-${i}`, start }, nextAppointment: undefined }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function run(rows: number, jobs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'careprint-bench-'));
  const file = schedule(rows, dir);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const { manifest } = await runBatch({ schedule: file, clinic, outDir: join(dir, 'out'), docs: ['discharge'], paper: 'letter', duplex: false, printFile: false, jobs });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  rmSync(dir, { recursive: true, force: true });
  if (manifest.counts.ok !== rows) throw new Error(`only ${manifest.counts.ok} of ${rows} rows rendered`);
  const pages = manifest.rows.reduce((a, r) => a + (r.status === 'ok' ? r.pages : 0), 0);
  console.log(`${String(rows).padStart(6)} sheets (${pages} pages), --jobs ${jobs}: ${seconds.toFixed(2)} s wall, ${(rows / seconds).toFixed(0)} sheets/s, peak RSS ${(peak / 1048576).toFixed(0)} MB`);
}

await run(1000, 1);
await run(1000, 2);
await run(10000, 2);
