/**
 * The same sheet in pdfmake, in this process: the figure the benchmarks compare with,
 * and a measure of how fast the machine is at the moment. The machines these run on
 * change speed from hour to hour; a round is read beside pdfmake's time in the same
 * minutes.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sheet, toPdfmake } from './sheet.js';

const root = new URL('../', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as { setFonts(f: unknown): void; createPdf(d: unknown): { getBuffer(): Promise<Buffer> } };
const font = (f: string) => join(root, 'fonts', f);
pdfmake.setFonts({ Atkinson: { normal: font('AtkinsonHyperlegibleNext-Regular.ttf'), bold: font('AtkinsonHyperlegibleNext-Bold.ttf'), italics: font('AtkinsonHyperlegibleNext-Italic.ttf'), bolditalics: font('AtkinsonHyperlegibleNext-BoldItalic.ttf') } });
const policy = pdfmake as unknown as { setLocalAccessPolicy(cb: (p: string) => boolean): void; setUrlAccessPolicy(cb: (u: string) => boolean): void };
policy.setLocalAccessPolicy((p) => p.startsWith(join(root, 'fonts')));
policy.setUrlAccessPolicy(() => false);

/** One sheet made by pdfmake for `patient`: its page count and size. */
export async function pdfmakeSheet(patient: string, pages: 1 | 4): Promise<{ pages: number; bytes: number }> {
  const buffer = await pdfmake.createPdf(toPdfmake(sheet(patient, pages))).getBuffer();
  const count = (buffer.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  return { pages: count, bytes: buffer.length };
}

/** pdfmake's median milliseconds for the one-page sheet, after a few to warm up. */
export async function pdfmakeOnePageMs(runs = 20, warmup = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await pdfmakeSheet(`Warm Up ${i}`, 1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await pdfmakeSheet(`Dana Whitfield ${i}`, 1);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}
