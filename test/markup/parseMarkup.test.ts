import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { parseMarkup } from '../../src/markup/parseMarkup.js';

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
    expect(problemOf(() => parseMarkup('<signature role="pharmacist" label="x"/>', 'x.hbs'))).toMatch(/is not one of patient, representative/);
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
});
