import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/layout/types.js';
import { renderPacket } from '../../src/packet.js';
import { renderDocument } from '../../src/render.js';
import { readFixture } from '../helpers/fixtures.js';
import { rasterize } from './rasterize.js';

/**
 * Pixel snapshots. Each case renders a document, rasterises every page with the
 * pinned mupdf and compares it with test/visual/golden/<case>-<page>.png. A mismatch
 * writes the page to test/visual/out/ and a diff to test/visual/diffs/.
 * `npm run test:update` rewrites the goldens: look at every changed PNG before
 * committing it, and say in the commit why the new pixels are right.
 */
interface Case {
  name: string;
  about: string;
  document: string;
  visit: string;
  clinic?: string;
  paper?: Paper;
  /** With document "packet": the documents, in order. */
  docs?: string[];
  duplex?: boolean;
}

const here = new URL('./', import.meta.url);
const dir = (name: string) => new URL(`${name}/`, here);
const cases = JSON.parse(readFileSync(new URL('cases.json', here), 'utf8')) as Case[];
const update = process.env.UPDATE_GOLDENS === '1';
const manifestFile = new URL('golden/manifest.json', here);
const manifest: Record<string, { about: string; inputSha256: string; pages: number }> = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
if (update) {
  // Cases removed from cases.json lose their goldens.
  const names = new Set(cases.map((c) => c.name));
  for (const name of Object.keys(manifest)) if (!names.has(name)) delete manifest[name];
  if (existsSync(dir('golden'))) {
    for (const f of readdirSync(dir('golden'))) if (f.endsWith('.png') && !names.has(f.replace(/-\d+\.png$/, ''))) rmSync(new URL(`golden/${f}`, here));
  }
}

function inputs(c: Case) {
  const visit = readFixture(`visits/${c.visit}.json`);
  const clinic = c.clinic ? readFixture(c.clinic) : undefined;
  const inputSha256 = createHash('sha256').update(JSON.stringify({ c, visit, clinic })).digest('hex');
  return { visit, clinic, inputSha256 };
}

describe('visual snapshots', () => {
  it.each(cases)('$name: $about', async (c) => {
    const { visit, clinic, inputSha256 } = inputs(c);
    const paper = c.paper ?? 'letter';
    const { bytes } = c.document === 'packet' ? await renderPacket(c.docs ?? [], visit, clinic, { paper, duplex: c.duplex ?? false }) : await renderDocument(c.document, visit, clinic, { paper });
    const pages = rasterize(bytes);
    const golden = (i: number) => new URL(`golden/${c.name}-${i + 1}.png`, here);

    if (update) {
      mkdirSync(dir('golden'), { recursive: true });
      for (const f of readdirSync(dir('golden'))) if (f.startsWith(`${c.name}-`)) rmSync(new URL(`golden/${f}`, here));
      pages.forEach((png, i) => writeFileSync(golden(i), PNG.sync.write(png, { colorType: 0, inputColorType: 6 })));
      manifest[c.name] = { about: c.about, inputSha256, pages: pages.length };
      writeFileSync(manifestFile, `${JSON.stringify(Object.fromEntries(Object.entries(manifest).sort()), null, 2)}\n`);
      return;
    }

    expect(manifest[c.name]?.inputSha256, `inputs of ${c.name} changed: run npm run test:update and review the pages`).toBe(inputSha256);
    expect(pages.length, 'page count').toBe(manifest[c.name]?.pages);
    const failures: string[] = [];
    pages.forEach((actual, i) => {
      const expected = PNG.sync.read(readFileSync(golden(i)));
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
      const diff = new PNG({ width: actual.width, height: actual.height });
      const changed = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
      if (changed > 0) {
        for (const d of ['out', 'diffs']) mkdirSync(dir(d), { recursive: true });
        writeFileSync(new URL(`out/${c.name}-${i + 1}.png`, here), PNG.sync.write(actual));
        writeFileSync(new URL(`diffs/${c.name}-${i + 1}.png`, here), PNG.sync.write(diff));
        failures.push(`page ${i + 1}: ${changed} pixels differ (see test/visual/diffs/${c.name}-${i + 1}.png)`);
      }
    });
    expect(failures).toEqual([]);
  });
});
