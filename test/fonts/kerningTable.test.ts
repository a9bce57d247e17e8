import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFace } from '../../src/fonts/faces.js';
import { FontkitMetrics } from '../../src/fonts/fontkitMetrics.js';
import { measureFaceKerning, pairKerning, storedKerning, tabledFaces, type StoredKerning } from '../../src/fonts/kerningTable.js';

const stored = JSON.parse(readFileSync(new URL('../../fonts/kerning.json', import.meta.url), 'utf8')) as StoredKerning;

/** Every word of the templates (both languages) and of the example visits and schedules. */
function corpus(): string[] {
  const words = new Set<string>();
  const read = (dir: URL): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) read(new URL(`${entry.name}/`, dir));
      else for (const word of readFileSync(new URL(entry.name, dir), 'utf8').split(/[\s<>{}"=]+/)) if (word) words.add(word);
    }
  };
  read(new URL('../../templates/', import.meta.url));
  read(new URL('../../fixtures/', import.meta.url));
  return [...words];
}

const plain = { bold: false, italic: false };
const faceStyles = { regular: plain, bold: { bold: true, italic: false }, italic: { bold: false, italic: true }, boldItalic: { bold: true, italic: true } } as const;
const styles = Object.values(faceStyles);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the stored kerning table', () => {
  it('is the table the fonts give today (after changing a font, run npm run kerning)', () => {
    for (const id of tabledFaces) {
      const fresh = measureFaceKerning(loadFace(id));
      expect(stored[id]?.sha256, `${id}: fonts/kerning.json was made from other font bytes`).toBe(fresh.sha256);
      expect(stored[id]).toEqual(fresh);
    }
  }, 30_000);

  it('holds the kerning that matters: "To" and "Wa" are kerned, "no" is not', () => {
    const regular = loadFace('regular');
    const table = storedKerning(regular);
    const pair = (a: string, b: string) => table?.byPair.get((a.codePointAt(0) as number) * 0x110000 + (b.codePointAt(0) as number));
    expect(pair('T', 'o')).toBeLessThan(0);
    expect(pair('W', 'a')).toBeLessThan(0);
    expect(pair('T', 'o')).toBe(pairKerning(regular, 'T'.codePointAt(0) as number, 'o'.codePointAt(0) as number));
    expect(pair('n', 'o')).toBeUndefined();
    expect(table?.covered.has('ñ'.codePointAt(0) as number)).toBe(true);
  });

  it('is ignored when it was made from other font bytes', () => {
    const regular = loadFace('regular');
    const bytes = regular.bytes.slice();
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    expect(storedKerning(regular)).not.toBeNull();
    expect(storedKerning({ ...regular, bytes })).toBeNull();
  });

  it('shapes every word of the documents exactly as learning each pair from the font does', () => {
    const words = corpus();
    expect(words.length).toBeGreaterThan(1000);
    const tabled = new FontkitMetrics();
    const learnt = new FontkitMetrics(false);
    for (const style of styles) for (const word of words) expect(tabled.shape(word, style), word).toEqual(learnt.shape(word, style));
  });

  it('gives each word the advances of fontkit laying out the whole word (the fonts kern by pairs only)', () => {
    const metrics = new FontkitMetrics();
    let compared = 0;
    for (const [id, style] of Object.entries(faceStyles)) {
      const face = loadFace(id as keyof typeof faceStyles);
      for (const word of corpus()) {
        const shaped = metrics.shape(word, style);
        const segment = shaped.segments[0];
        if (shaped.segments.length !== 1 || segment?.face !== id) continue;
        const run = face.font.layout(word);
        if (run.glyphs.length !== segment.glyphIds.length) continue;
        run.positions.forEach((position, i) => expect(segment.advances[i], `${word} (${id}), glyph ${i}`).toBeCloseTo(position.xAdvance * face.scale, 6));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('spares the font layout for tabled characters, and still learns a pair outside them from the font', () => {
    const metrics = new FontkitMetrics();
    const layout = vi.spyOn(loadFace('regular').font, 'layout');
    metrics.shape('Take someone home; «Llévele a casa» — 24 hours…', plain);
    expect(layout).not.toHaveBeenCalled();
    const shaped = metrics.shape('Łukasiewicz', plain);
    expect(layout).toHaveBeenCalled();
    expect(shaped).toEqual(new FontkitMetrics(false).shape('Łukasiewicz', plain));
  });
});
