import { describe, expect, it } from 'vitest';
import { layout } from '../../src/layout/layout.js';
import type { Box, FieldBox, Page, TextBox } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parseMarkup.js';
import { fixedMetrics } from '../helpers/fixedMetrics.js';
import { layoutOptions } from '../helpers/layoutOptions.js';

const metrics = fixedMetrics();
const run = (markup: string, options = layoutOptions) => layout(parseMarkup(markup, 'test'), metrics, options);
const texts = (page: Page) => page.boxes.filter((b): b is TextBox => b.kind === 'text').map((b) => String.fromCodePoint(...b.codePoints));
const pageOf = (pages: readonly Page[], needle: string) => pages.findIndex((p) => texts(p).some((t) => t.includes(needle))) + 1;
const fields = (page: Page) => page.boxes.filter((b): b is FieldBox => b.kind === 'field');
const para = (tag: string, lines: number) => `<p>${Array.from({ length: lines }, (_, i) => `${tag}${String(i).padStart(2, '0')}`.padEnd(76, '.')).join(' ')}</p>`;

// Letter: content area 612 - 2*54 wide; one 13 pt line is 13*1.32 pt high, 77 characters wide.

describe('layout', () => {
  it('is pure: the same blocks give the same pages', () => {
    const markup = `<h1>T</h1>${para('a', 30)}<signature role="patient" label="Patient" name="Ann"/>`;
    expect(run(markup)).toEqual(run(markup));
  });

  it('puts a header and a "Page n of N" footer on every page', () => {
    const { pages } = run(para('a', 80));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(texts(page)).toContain('Clinic');
      expect(texts(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('keeps every box inside the page margins', () => {
    const { pages } = run(`<h1>Title</h1>${para('a', 60)}<table><tr><th>A</th><th>B</th></tr><tr><td>${'w '.repeat(200)}</td><td>x</td></tr></table>`);
    for (const page of pages) {
      for (const box of page.boxes) {
        const [x1, x2] = box.kind === 'line' ? [box.x1, box.x2] : box.kind === 'text' ? [box.x, box.x + box.advances.reduce((a, b) => a + b, 0) * box.sizePt / 1000] : [box.x, box.x + box.width];
        expect(x1).toBeGreaterThanOrEqual(54 - 1e-6);
        expect(x2).toBeLessThanOrEqual(612 - 54 + 1e-6);
      }
    }
  });

  it('keeps a heading with the first lines of what follows', () => {
    // 35 lines fill most of page one; the heading would fit but its paragraph would not.
    const { pages } = run(`${para('a', 35)}<h2>Heading here</h2>${para('b', 4)}`);
    expect(pageOf(pages, 'Heading here')).toBe(2);
    expect(pageOf(pages, 'b00')).toBe(2);
  });

  it('leaves no orphan and no widow line', () => {
    for (let before = 30; before < 40; before++) {
      const { pages } = run(`${para('a', before)}${para('b', 6)}`);
      const perPage = pages.map((p) => texts(p).filter((t) => t.startsWith('b')).length);
      for (const count of perPage) expect(count === 0 || count >= 2).toBe(true);
    }
  });

  it('never splits a signature block, and its fields sit on its lines', () => {
    for (let before = 30; before < 40; before++) {
      const { pages } = run(`${para('a', before)}<signature role="patient" label="Patient" name="Ann Lee"/>`);
      const withFields = pages.filter((p) => fields(p).length > 0);
      expect(withFields).toHaveLength(1);
      const page = withFields[0] as Page;
      expect(fields(page).map((f) => f.name)).toEqual(['doc.patient.signature', 'doc.patient.date', 'doc.patient.time']);
      expect(texts(page)).toEqual(expect.arrayContaining(['Patient: ', 'Ann Lee']));
      const lines = page.boxes.filter((b): b is Extract<Box, { kind: 'line' }> => b.kind === 'line' && b.width === 0.9);
      for (const field of fields(page)) {
        expect(lines.some((l) => Math.abs(l.y1 - (field.y + field.height)) < 1e-6 && l.x1 === field.x && l.x2 === field.x + field.width)).toBe(true);
      }
    }
  });

  it('moves a keep-together block whole to the next page', () => {
    const { pages } = run(`${para('a', 33)}<keep-together><h2>Kept</h2>${para('k', 5)}</keep-together>`);
    expect(pageOf(pages, 'Kept')).toBe(2);
    expect(pageOf(pages, 'k04')).toBe(2);
  });

  it('repeats a table header row on every page the table reaches', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `<tr><td>row${i}</td><td>x</td></tr>`).join('');
    const { pages } = run(`<table><tr><th>Symptom</th><th>Action</th></tr>${rows}</table>`);
    expect(pages.length).toBe(3);
    for (const page of pages) expect(texts(page)).toContain('Symptom');
    expect(texts(pages[1] as Page).filter((t) => t === 'Symptom')).toHaveLength(1);
  });

  describe('table columns', () => {
    const banner = (code: string) =>
      `<table widths="21,31,22,26"><tr><th>Patient</th><td>Maximiliana Featherstonehaugh-Wolfeschlegel</td><th>Record no.</th><td>${code}</td></tr><tr><th>Born</th><td>March 4, 1984</td><th>Date</th><td>November 24, 2026</td></tr></table>`;
    const cellWidths = (page: Page) => page.boxes.filter((b) => b.kind === 'rect').slice(0, 4).map((b) => (b.kind === 'rect' ? b.width : 0));

    it('follow the table\'s weights when every word fits', () => {
      const [page] = run(banner('HL-100234')).pages;
      cellWidths(page as Page).forEach((w, i) => expect(w).toBeCloseTo(([21, 31, 22, 26][i] as number) * 5.04, 6));
    });

    it('widen to keep a record number on one line, without wrapping a label that fitted', () => {
      const [page] = run(banner('MRN-2026-0011-223344')).pages;
      const text = texts(page as Page);
      expect(text).toContain('MRN-2026-0011-223344');
      for (const label of ['Patient', 'Record no.', 'Born', 'Date']) expect(text).toContain(label);
      expect(text).toContain('Featherstonehaugh-');
      const widths = cellWidths(page as Page);
      expect(widths[3]).toBeGreaterThan(26 * 5.04);
      expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(504, 6);
    });

    it('keep the weights when no arrangement fits every word, and still stay inside the margins', () => {
      const [page] = run(banner('X'.repeat(90))).pages;
      cellWidths(page as Page).forEach((w, i) => expect(w).toBeCloseTo(([21, 31, 22, 26][i] as number) * 5.04, 6));
      for (const box of (page as Page).boxes) if (box.kind === 'text') expect(box.x + (box.advances.reduce((a, b) => a + b, 0) * box.sizePt) / 1000).toBeLessThanOrEqual(612 - 54 + 1e-6);
    });
  });

  it('starts a new page at <page-break>', () => {
    const { pages } = run('<p>one</p><page-break/><p>two</p>');
    expect(pages.map((p) => texts(p).filter((t) => t === 'one' || t === 'two'))).toEqual([['one'], ['two']]);
  });

  it('places a block taller than a page and says so', () => {
    const { pages, warnings } = run(`<keep-together>${para('a', 60)}</keep-together>`);
    expect(pages.length).toBe(2);
    expect(warnings.map((w) => w.code)).toEqual(['kept_block_split']);
    for (const page of pages) {
      const bottom = Math.max(...page.boxes.filter((b): b is TextBox => b.kind === 'text' && b.sizePt === 13).map((b) => b.y));
      expect(bottom).toBeLessThan(792 - 54 - 30);
    }
  });

  it('gives a block it has laid out before (its slices kept) the pages it gets the first time', () => {
    const kept = '<p>Every patient gets this paragraph, word for word.</p>';
    const afterBreak = `<p>Intro</p><page-break/>${kept}`;
    const plain = `<p>Before</p>${kept}`;
    const { pages: cold, contents } = layout(parseMarkup(plain, 't'), fixedMetrics(), layoutOptions);
    // Laid out often enough to be kept, each time after a page break that marks its first slice.
    for (let i = 0; i < 3; i++) expect(pageOf(run(afterBreak).pages, 'Every patient')).toBe(2);
    // Kept, it stays on page 1 of a document with no break before it, box for box as when first made.
    expect(run(plain)).toEqual({ pages: cold, warnings: [], contents });
    expect(pageOf(run(afterBreak).pages, 'Every patient')).toBe(2);
  });

  it('never keeps a block with form fields: each document checks and names its own fields', () => {
    const signed = '<section element="signed"><p>I agree.</p><checkbox name="agree" label="I agree"/></section>';
    for (let i = 0; i < 3; i++) expect(fields(run(signed).pages[0] as Page).map((f) => f.name)).toEqual(['doc.agree']);
    expect(fields(run(signed, { ...layoutOptions, fieldPrefix: 'other' }).pages[0] as Page).map((f) => f.name)).toEqual(['other.agree']);
    expect(() => run(`${signed}${signed}`)).toThrow(/same name/);
  });

  it('refuses two fields with one name', () => {
    expect(() => run('<checkbox name="a" label="x"/><checkbox name="a" label="y"/>')).toThrow(/same name/);
  });

  it('uses A4 when asked', () => {
    expect(run('<p>x</p>', { ...layoutOptions, paper: 'a4' }).pages[0]).toMatchObject({ widthPt: 595.28, heightPt: 841.89 });
  });
});
