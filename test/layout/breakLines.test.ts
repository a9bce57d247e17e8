import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/layout/text/breakLines.js';
import type { Inline } from '../../src/markup/blocks.js';
import { fixedMetrics } from '../helpers/fixedMetrics.js';

const text = (t: string, bold = false): Inline => ({ kind: 'text', text: t, bold, italic: false });
const lineText = (line: { boxes: readonly { codePoints: readonly number[] }[] }) => line.boxes.map((b) => String.fromCodePoint(...b.codePoints)).join('|');

describe('breakLines', () => {
  const metrics = fixedMetrics();
  // 500/1000 em at 10 pt: every character 5 pt wide; 50 pt holds 10 characters.
  const settings = { sizePt: 10, gray: 0, maxWidthPt: 50 };

  it('fills lines greedily at spaces and drops the space at a break', () => {
    const lines = breakLines([text('aaa bbb ccc dddd')], metrics, settings);
    expect(lines.map(lineText)).toEqual(['aaa bbb', 'ccc dddd']);
    expect(lines.map((l) => l.width)).toEqual([35, 40]);
  });

  it('never lets a line run past the width, breaking a word longer than a line', () => {
    const lines = breakLines([text('ab abcdefghijklmnopqrstuvwxy z')], metrics, settings);
    expect(lines.map(lineText)).toEqual(['ab', 'abcdefghij', 'klmnopqrst', 'uvwxy z']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(50);
  });

  it('keeps bold runs in their own face and positions them after the regular text', () => {
    const [line] = breakLines([text('Do '), text('not', true), text(' go')], metrics, { ...settings, maxWidthPt: 500 });
    expect(line?.boxes.map((b) => [b.face, b.x, String.fromCodePoint(...b.codePoints)])).toEqual([
      ['regular', 0, 'Do '],
      ['bold', 15, 'not'],
      ['regular', 33, ' go'],
    ]);
  });

  it('breaks at <br> and keeps an empty paragraph as one empty line', () => {
    expect(breakLines([text('a'), { kind: 'break' }, text('b')], metrics, settings).map(lineText)).toEqual(['a', 'b']);
    expect(breakLines([], metrics, settings)).toHaveLength(1);
  });

  it('stays within the width for many random texts', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 200; n++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => 'x'.repeat(1 + Math.floor(rand() * 25)));
      const width = 20 + rand() * 100;
      const lines = breakLines([text(words.join(' '))], metrics, { ...settings, maxWidthPt: width });
      for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 1e-6);
      expect(lines.map(lineText).join(' ').replace(/\|/g, '').replace(/ /g, '')).toBe(words.join(''));
    }
  });
});

describe('breakLines at hyphens', () => {
  it('breaks after a hyphen inside a long word before breaking between letters', () => {
    const lines = breakLines([text('Ann Smith-Jones-Lee')], fixedMetrics(), { sizePt: 10, gray: 0, maxWidthPt: 60 });
    expect(lines.map(lineText)).toEqual(['Ann Smith-', 'Jones-Lee']);
  });

  it('never breaks at a hyphen in a number or a code, nor at a no-break space', () => {
    // 60 pt holds 12 characters: each would have broken after its hyphen or at its space.
    const settings = { sizePt: 10, gray: 0, maxWidthPt: 60 };
    expect(breakLines([text('Call 555 010-4400 now')], fixedMetrics(), settings).map(lineText)).toEqual(['Call 555', '010-4400 now']);
    expect(breakLines([text('Record HL-100234')], fixedMetrics(), settings).map(lineText)).toEqual(['Record', 'HL-100234']);
    expect(breakLines([text('Call (555)\u00a0010-4400')], fixedMetrics(), { ...settings, maxWidthPt: 75 }).map(lineText)).toEqual(['Call', '(555)\u00a0010-4400']);
  });

  it('keeps a hyphenated word whole when it fits', () => {
    expect(breakLines([text('a well-known b')], fixedMetrics(), { sizePt: 10, gray: 0, maxWidthPt: 500 }).map(lineText)).toEqual(['a well-known b']);
  });
});

describe('breakLines cache', () => {
  it('gives the same lines for the same paragraph, and never confuses two paragraphs', () => {
    const metrics = fixedMetrics();
    const settings = { sizePt: 10, gray: 0, maxWidthPt: 500 };
    const first = breakLines([text('Rest today. '), text('Do not drive', true)], metrics, settings);
    expect(breakLines([text('Rest today. '), text('Do not drive', true)], metrics, settings)).toEqual(first);
    // The same characters split into other runs, or in another style, are other paragraphs.
    const joined = breakLines([text('Rest today. Do not drive')], metrics, settings);
    expect(joined[0]?.boxes.map((b) => b.face)).toEqual(['regular']);
    const crafted = breakLines([text('Rest today. \u0000Br12:Do not drive')], metrics, settings);
    expect(crafted[0]?.boxes.map((b) => b.face)).toEqual(['regular']);
    expect(breakLines([text('Rest today. '), text('Do not drive', true)], metrics, { ...settings, sizePt: 12 })[0]?.boxes[0]?.sizePt).toBe(12);
    expect(breakLines([text('Rest today. '), text('Do not drive', true)], metrics, { ...settings, gray: 0.5 })[0]?.boxes[0]?.gray).toBe(0.5);
    expect(breakLines([text('Rest today. '), text('Do not drive', true)], metrics, { ...settings, maxWidthPt: 60 }).length).toBeGreaterThan(1);
  });

  it('keeps lines of other metrics apart', () => {
    const settings = { sizePt: 10, gray: 0, maxWidthPt: 500 };
    const narrow = fixedMetrics();
    const wide: typeof narrow = { ...narrow, shape: (t, style) => { const s = narrow.shape(t, style); return { segments: s.segments.map((g) => ({ ...g, advances: g.advances.map((a) => a * 2), width: g.width * 2 })), width: s.width * 2 }; } };
    expect(breakLines([text('abc')], narrow, settings)[0]?.width).toBe(15);
    expect(breakLines([text('abc')], wide, settings)[0]?.width).toBe(30);
  });
});
