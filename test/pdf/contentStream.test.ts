import { describe, expect, it } from 'vitest';
import { loadFace } from '../../src/fonts/faces.js';
import type { Page, TextBox } from '../../src/layout/types.js';
import { contentStream } from '../../src/pdf/contentStream.js';
import { glyphWidth } from '../../src/pdf/embedFonts.js';

/**
 * Reads the literal strings and numbers of every TJ array in a content stream as a PDF
 * reader must (ISO 32000-1, 7.3.4.2): escapes, balanced parentheses, and an unescaped
 * CR or CR LF read as one LF.
 */
function readTjArrays(ops: string): (number[] | number)[][] {
  const arrays: (number[] | number)[][] = [];
  let i = 0;
  while ((i = ops.indexOf('[', i)) >= 0) {
    const items: (number[] | number)[] = [];
    i++;
    while (ops[i] !== ']') {
      const ch = ops[i] as string;
      if (ch === ' ') {
        i++;
      } else if (ch === '(') {
        const bytes: number[] = [];
        let depth = 1;
        i++;
        for (;;) {
          const c = ops[i++] as string;
          if (c === '\\') {
            const e = ops[i++] as string;
            const named: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
            if (e in named) bytes.push(named[e] as number);
            else if (/[0-7]/.test(e)) {
              let octal = e;
              while (octal.length < 3 && /[0-7]/.test(ops[i] as string)) octal += ops[i++];
              bytes.push(parseInt(octal, 8) & 0xff);
            } else if (e === '\r') {
              if (ops[i] === '\n') i++;
            } else if (e !== '\n') bytes.push(e.charCodeAt(0));
          } else if (c === '\r') {
            if (ops[i] === '\n') i++;
            bytes.push(10);
          } else if (c === '(') {
            depth++;
            bytes.push(40);
          } else if (c === ')') {
            if (--depth === 0) break;
            bytes.push(41);
          } else bytes.push(c.charCodeAt(0));
        }
        items.push(bytes);
      } else {
        const m = /^-?[0-9.]+/.exec(ops.slice(i));
        if (!m) throw new Error(`unexpected ${JSON.stringify(ops.slice(i, i + 10))}`);
        items.push(Number(m[0]));
        i += m[0].length;
      }
    }
    arrays.push(items);
  }
  return arrays;
}

describe('contentStream', () => {
  const face = loadFace('fallback');
  // Every low byte, and high bytes 0x00–0x0f (line feed and carriage return among them).
  const glyphIds = Array.from({ length: 0x1000 }, (_, gid) => gid);
  const widths = glyphIds.map((gid) => glyphWidth(face, gid));
  const box = (advances: readonly number[]): TextBox => ({ kind: 'text', x: 10, y: 20, sizePt: 12, face: 'fallback', glyphIds, advances, codePoints: glyphIds, gray: 0 });
  const page = (advances: readonly number[]): Page => ({ widthPt: 612, heightPt: 792, boxes: [box(advances)] });
  const fonts = new Map([['fallback' as const, { name: 'F1' }]]);

  it('writes every glyph id so that a reader gets it back, escapes and line ends included', () => {
    const ops = contentStream(page(widths), fonts);
    const [tj] = readTjArrays(ops);
    expect(tj).toHaveLength(1);
    const bytes = tj?.[0] as number[];
    const read = Array.from({ length: bytes.length / 2 }, (_, k) => ((bytes[2 * k] as number) << 8) | (bytes[2 * k + 1] as number));
    expect(read).toEqual(glyphIds);
  });

  it('writes one char per byte, so the stream can be written out as Latin-1', () => {
    const ops = contentStream(page(widths), fonts);
    expect([...ops].every((ch) => ch.charCodeAt(0) <= 0xff)).toBe(true);
    expect(ops).not.toMatch(/[^\\]\r/);
  });

  it('puts the layout kerning between the strings where it differs from the font widths', () => {
    const advances = widths.map((w, k) => (k === 0x27 || k === 0x5c ? w - 30 : w));
    const [tj] = readTjArrays(contentStream(page(advances), fonts));
    expect(tj?.filter((item) => typeof item === 'number')).toEqual([30, 30]);
    const strings = tj?.filter((item): item is number[] => typeof item !== 'number') ?? [];
    expect(strings.map((s) => s.length / 2)).toEqual([0x28, 0x5c - 0x27, 0x1000 - 0x5d]);
  });
});
