import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { deriveFacts } from '../../src/clinical/deriveFacts.js';
import { parseMarkup, parseWhole } from '../../src/markup/parseMarkup.js';
import { topLevelElements } from '../../src/markup/topLevel.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { fill } from '../../src/template/fill.js';
import { loadTemplate } from '../../src/template/registry.js';
import { buildView } from '../../src/template/view.js';
import { clinic, visit } from '../helpers/fixtures.js';

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseMarkup', () => {
  it('builds blocks with inline styles and collapsed white space', () => {
    const blocks = parseMarkup('<h2>Title</h2>\n<p>  Do <strong>not</strong>\n   drive <em>today</em>.<br/>Rest. </p>', 't');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: 'Title', bold: false, italic: false }], key: '<h2>Title</h2>' },
      {
        kind: 'paragraph',
        key: '<p>  Do <strong>not</strong>\n   drive <em>today</em>.<br/>Rest. </p>',
        inlines: [
          { kind: 'text', text: 'Do ', bold: false, italic: false },
          { kind: 'text', text: 'not', bold: true, italic: false },
          { kind: 'text', text: ' drive ', bold: false, italic: false },
          { kind: 'text', text: 'today', bold: false, italic: true },
          { kind: 'text', text: '.', bold: false, italic: false },
          { kind: 'break' },
          { kind: 'text', text: 'Rest.', bold: false, italic: false },
        ],
      },
    ]);
  });

  it('reads lists, tables and careprint elements', () => {
    const blocks = parseMarkup(
      `<ul><li>One</li><li>Two<ol><li>Nested</li></ol></li></ul>
<table widths="1,2"><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
<callout><p>Boxed</p></callout><keep-together><p>Kept</p></keep-together><page-break/>
<signature role="patient" label="Patient" name="Ann"/><initials name="risks" label="Initials"/>
<checkbox name="copy" label="I got a copy"/><field name="interp.id" label="Interpreter ID"/><hr/>`,
      't',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['list', 'table', 'callout', 'keepTogether', 'pageBreak', 'signature', 'initials', 'checkbox', 'field', 'rule']);
    expect(blocks[0]).toMatchObject({ kind: 'list', ordered: false, items: [[{ kind: 'paragraph' }], [{ kind: 'paragraph' }, { kind: 'list', ordered: true }]] });
    expect(blocks[1]).toMatchObject({ kind: 'table', widths: [1, 2], rows: [[{ header: true }, { header: true }], [{ header: false }, { header: false }]] });
    expect(blocks[5]).toEqual({ kind: 'signature', role: 'patient', label: 'Patient', name: 'Ann' });
  });

  it('rejects an unknown element, naming the template and line', () => {
    expect(problemOf(() => parseMarkup('<p>ok</p>\n\n<blink>no</blink>', 'templates/discharge/en.hbs'))).toBe('templates/discharge/en.hbs:3: unknown element <blink> at markup line 3');
  });

  it('rejects unknown and missing attributes', () => {
    expect(problemOf(() => parseMarkup('<p style="color:red">x</p>', 'x.hbs'))).toBe('x.hbs:1: unknown attribute "style" on <p> at markup line 1');
    expect(problemOf(() => parseMarkup('<signature role="patient"/>', 'x.hbs'))).toBe('x.hbs:1: <signature> needs a non-empty "label" attribute (markup line 1)');
    expect(problemOf(() => parseMarkup('<signature role="pharmacist" label="x"/>', 'x.hbs'))).toMatch(/is not one of patient, assent, representative/);
  });

  it('rejects blocks inside text and loose text', () => {
    expect(problemOf(() => parseMarkup('<h2>a <em>b <ul><li>c</li></ul></em></h2>', 'x.hbs'))).toMatch(/<ul> cannot stand inside text/);
    expect(problemOf(() => parseMarkup('<table><tr><td>1</td></tr><tr><td>1</td><td>2</td></tr></table>', 'x.hbs'))).toMatch(/row 2 has 2 cells, the first row has 1/);
  });

  it('prints patient data exactly as typed: Handlebars escaping plus entity decoding', () => {
    const name = '<b>Ann</b> {{x}} & O\'Brien "Sons"';
    const markup = Handlebars.compile('<p>Patient: {{name}}</p>', { strict: true })({ name });
    const [block] = parseMarkup(markup, 't');
    expect(block).toEqual({ kind: 'paragraph', inlines: [{ kind: 'text', text: `Patient: ${name}`, bold: false, italic: false }], key: markup });
  });

  it('shares the block of markup parsed often, and still names the template of a bad block every time', () => {
    const fixed = '<section element="fixed-text"><p>The same words in <strong>every</strong> document.</p></section>';
    const seen = [1, 2, 3, 4].map((n) => parseMarkup(`<p>Patient ${n}</p>${fixed}`, 't')[1]);
    expect(seen[3]).toBe(seen[2]);
    expect(seen[3]).toEqual(seen[0]);
    expect(parseMarkup(`<p>Patient 5</p>`, 't')[0]).not.toBe(parseMarkup(`<p>Patient 6</p>`, 't')[0]);
    const bad = '<section element="Bad Name"><p>x</p></section>';
    for (const source of ['first', 'second', 'third']) expect(problemOf(() => parseMarkup(bad, source))).toMatch(new RegExp(`^${source}:1: <section element="Bad Name">`));
  });

  it('keys a top-level block by its own markup only when its end tag bounds it', () => {
    const blocks = parseMarkup('<h2>A &amp; B</h2>\n<section element="x"><ul><li>One<li>Two</ul></section>\n<hr/>\n<signature role="patient" label="Patient" name="Ann"/>\n<p>Open to the end', 't');
    expect(blocks.map((b) => b.key)).toEqual(['<h2>A &amp; B</h2>', '<section element="x"><ul><li>One<li>Two</ul></section>', undefined, undefined, undefined]);
    // Equal keys, equal blocks: the same markup anywhere in any document parses the same.
    const again = parseMarkup('<p>Other</p><section element="x"><ul><li>One<li>Two</ul></section>', 'u');
    expect(again[1]).toEqual(blocks[1]);
    // Text-level elements at the top are gathered into one paragraph, which has no key.
    expect(parseMarkup('<strong>Bold</strong><em>then</em>', 't')).toEqual([{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Bold', bold: true, italic: false }, { kind: 'text', text: 'then', bold: false, italic: true }] }]);
  });

  it('parses each top-level element alone to the blocks the whole markup gives, for every template, language and example visit', () => {
    const stamp = { id: 'CP-TST-0', templateId: 't', version: '1.0.0', effectiveDate: '2026-11-24' };
    let documents = 0;
    for (const fixture of ['iv', 'im', 'intranasal', 'representative', 'spanish', 'spanish-im', 'long-name', 'early-morning']) {
      const input = visit(fixture);
      const parsed = parseVisit(input, input.clinic === undefined ? clinic() : undefined);
      for (const doc of ['consent', 'side-effects', 'fasting', 'discharge']) {
        for (const lang of ['en', 'es'] as const) {
          const template = loadTemplate(doc, lang);
          const markup = fill(template, buildView(parsed, deriveFacts(parsed), lang, stamp));
          // The templates' markup divides into top-level elements, so documents take the shorter way.
          expect(topLevelElements(markup)).not.toBeNull();
          // Twice: the second time most elements are found by their markup, not parsed.
          for (let round = 0; round < 2; round++) expect(parseMarkup(markup, template.source)).toEqual(parseWhole(markup, template.source));
          documents++;
        }
      }
    }
    expect(documents).toBe(64);
  });

  it('gives the whole parse\'s blocks where HTML closes elements of itself, and its errors with their lines', () => {
    const cases = [
      // End tags HTML supplies: the guess at the top-level elements is checked, not trusted.
      '<section element="a"><ul><li>One<li>Two</ul></section>\n<p>After</p>',
      '<p>Text<ul><li>a</li></ul></p><h2>Next</h2>',
      '<p>One<p>Two</p>',
      '<table><tr><td>1<td>2</tr></table>',
      // Closed at the start tag, quoted ">" in an attribute, upper-case names.
      '<hr>\n<signature role="patient" label="A > B" name="Ann"/>\n<H2>Loud</H2>',
      // Text at the top, an element left open, a comment, a stray "<".
      '<p>a</p> loose',
      '<p>Open to the end',
      '<p>a</p><!-- note --><p>b</p>',
      '<p>a < b</p>',
      '<strong>Bold</strong> <p>then</p>',
    ];
    for (const markup of cases) {
      let whole: unknown;
      try {
        whole = parseWhole(markup, 't');
      } catch (error) {
        whole = error;
      }
      for (let round = 0; round < 2; round++) {
        if (whole instanceof Error) expect(problemOf(() => parseMarkup(markup, 't'))).toBe(problemOf(() => parseWhole(markup, 't')));
        else expect(parseMarkup(markup, 't')).toEqual(whole);
      }
    }
    // An element that fails alone still fails with its line in the whole document.
    expect(problemOf(() => parseMarkup('<p>one</p>\n<p>two</p>\n\n<section element="Bad"><p>x</p></section>', 'doc.hbs'))).toMatch(/^doc\.hbs:4: <section element="Bad">/);
  });

  it('finds the top-level elements of markup, or says it cannot', () => {
    expect(topLevelElements('\n<p>a</p>\n  <hr/><section element="x"><p>b</p></section>\n')).toEqual([
      { start: 1, end: 9 },
      { start: 12, end: 17 },
      { start: 17, end: 56 },
    ]);
    expect(topLevelElements('')).toEqual([]);
    expect(topLevelElements('<p>a</p> b')).toBeNull();
    expect(topLevelElements('<p>a')).toBeNull();
    expect(topLevelElements('<p>a</h2>')).toBeNull();
    expect(topLevelElements('<!-- c --><p>a</p>')).toBeNull();
    expect(topLevelElements('<p title="a > b">a</p>')).toEqual([{ start: 0, end: 22 }]);
  });
});
