/**
 * npm run bench: warm milliseconds per document (median, p95), documents per second and
 * peak RSS, for a one-page and a four-page sheet, the same sheet in pdfmake side by side,
 * the real discharge sheet through the whole pipeline, and the CLI's cold start.
 * Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMetrics } from '../src/fonts/fontkitMetrics.js';
import { layout } from '../src/layout/layout.js';
import type { LayoutOptions } from '../src/layout/types.js';
import { parseMarkup } from '../src/markup/parseMarkup.js';
import { paint } from '../src/pdf/paint.js';
import { renderDocument } from '../src/render.js';
import { pdfmakeSheet } from './pdfmakeSheet.js';
import { sheet, toMarkup } from './sheet.js';

const root = new URL('../', import.meta.url).pathname;
const names = ['Dana Whitfield', 'Marcus Oyelaran', 'Ruth Castellano', 'Theo Brandt', 'María José Núñez Peña', 'Nguyễn Thị Lan', 'Zofia Łukasiewicz', 'Emre Öztürk', 'Aoife Ní Bhriain', 'Kwame Mensah', 'Ingrid Solberg', 'Jean-Luc Durand'];

const options: LayoutOptions = {
  paper: 'letter',
  fieldPrefix: 'discharge',
  chrome: { headerLeft: 'Harbor Light Infusion Clinic', headerRight: 'Patient · Born March 4, 1984 · MRN HL-100234', footerLeft: 'discharge v1.0.0 · effective 2026-11-01', pageLabel: 'Page {page} of {pages}' },
  labels: { signature: 'Signature', date: 'Date', time: 'Time', printedName: 'Printed name', initials: 'Initials' },
};
const meta = { title: 'Going home after ketamine treatment', subject: 'discharge@1.0.0', author: 'Harbor Light Infusion Clinic', keywords: ['CP-DIS-BENCH'], language: 'en-US', date: new Date(0) };

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), perSecond: 1000 / (samples.reduce((a, b) => a + b, 0) / samples.length) };
}

async function time(label: string, warmup: number, runs: number, once: (i: number) => Promise<{ pages: number; bytes: number }>) {
  for (let i = 0; i < warmup; i++) await once(i);
  const samples: number[] = [];
  let last = { pages: 0, bytes: 0 };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await once(warmup + i);
    samples.push(performance.now() - t);
  }
  const s = stats(samples);
  console.log(`${label.padEnd(44)} ${s.median.toFixed(2).padStart(8)} ms median ${s.p95.toFixed(2).padStart(8)} ms p95 ${s.perSecond.toFixed(0).padStart(6)} docs/s   ${last.pages} pages, ${(last.bytes / 1024).toFixed(1)} KB`);
  return s;
}

const metrics = sharedMetrics();
async function careprintSheet(pages: 1 | 4, i: number) {
  const result = layout(parseMarkup(toMarkup(sheet(names[i % names.length] ?? 'A', pages)), 'bench'), metrics, options);
  const bytes = await paint(result.pages, meta);
  return { pages: result.pages.length, bytes: bytes.length };
}

async function pdfmakeSheetOf(pages: 1 | 4, i: number) {
  return pdfmakeSheet(names[i % names.length] ?? 'A', pages);
}

console.log(`careprint bench — Node ${process.version}, ${process.platform}/${process.arch}; warm figures after warm-up, names varied per document\n`);
const one = await time('careprint, one-page sheet (layout + paint)', 50, 400, (i) => careprintSheet(1, i));
const four = await time('careprint, four-page sheet (layout + paint)', 20, 150, (i) => careprintSheet(4, i));
const pm1 = await time('pdfmake 0.3, same one-page sheet', 10, 40, (i) => pdfmakeSheetOf(1, i));
const pm4 = await time('pdfmake 0.3, same four-page sheet', 5, 20, (i) => pdfmakeSheetOf(4, i));

const clinic = JSON.parse(readFileSync(join(root, 'fixtures/clinic.json'), 'utf8')) as unknown;
const visit = JSON.parse(readFileSync(join(root, 'fixtures/visits/iv.json'), 'utf8')) as { patient: Record<string, unknown> };
await time('renderDocument(discharge), whole pipeline', 30, 200, async (i) => {
  const [givenName, ...rest] = (names[i % names.length] ?? 'A B').split(' ');
  const { bytes, info } = await renderDocument('discharge', { ...visit, patient: { ...visit.patient, givenName, familyName: rest.join(' ') || 'X', mrn: `HL-${100000 + i}` } }, clinic);
  return { pages: info.pages, bytes: bytes.length };
});

console.log(`\nspeed-up over pdfmake: one page ${(pm1.median / one.median).toFixed(1)}x, four pages ${(pm4.median / four.median).toFixed(1)}x`);
console.log(`four pages / one page (careprint): ${(four.median / one.median).toFixed(2)}x`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

const bin = join(root, 'bin/careprint.js');
const out = join(mkdtempSync(join(tmpdir(), 'careprint-bench-')), 'sheet.pdf');
const cold: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'render', 'discharge', '--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json', '--out', out], { cwd: root });
  if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr.toString()}`);
  cold.push(performance.now() - t);
}
console.log(`CLI cold start, one discharge sheet (process start to exit): ${stats(cold).median.toFixed(0)} ms median of ${cold.length}`);
