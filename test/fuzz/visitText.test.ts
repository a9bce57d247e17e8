import fc from 'fast-check';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { indicationFacts } from '../../src/clinical/indications.js';
import { CareprintError } from '../../src/errors.js';
import { renderDocument } from '../../src/render.js';
import { relationshipIn } from '../../src/template/relationships.js';
import { clinic, visitWith } from '../helpers/fixtures.js';
import { fuzzParameters, fuzzTimeout } from '../helpers/fuzz.js';

/**
 * Any text in any text field of a visit (or of its clinic) is either printed exactly,
 * as the record holds it in NFC, so the text a reader copies from the page is the
 * record's, or refused with problems that all name that field. Never printed wrong
 * (reversed, unjoined, with a hidden character), never a problem elsewhere, never an
 * error that is not a CareprintError.
 */

type Json = Record<string, unknown>;

interface TextField {
  readonly path: string;
  /** The document that prints it, the cheapest one that does. */
  readonly document: 'fasting' | 'discharge' | 'consent';
  /** What the page prints for the field's value as the model keeps it; undefined: the field is not printed. */
  readonly printedAs?: (value: string) => string;
}

const asGiven = (value: string) => value;
const fields: readonly TextField[] = [
  // In every page's header: the fasting sheet is the shortest document.
  { path: 'patient.mrn', document: 'fasting', printedAs: asGiven },
  { path: 'patient.givenName', document: 'fasting', printedAs: asGiven },
  { path: 'patient.familyName', document: 'fasting', printedAs: asGiven },
  { path: 'patient.phone', document: 'fasting' },
  { path: 'session.id', document: 'fasting' },
  { path: 'clinic.name', document: 'fasting', printedAs: asGiven },
  { path: 'clinic.address[0]', document: 'fasting', printedAs: asGiven },
  { path: 'clinic.phone', document: 'fasting', printedAs: asGiven },
  { path: 'escort.name', document: 'discharge', printedAs: asGiven },
  // A common relationship is printed in the document's language; any other as given.
  { path: 'escort.relationship', document: 'discharge', printedAs: (value) => relationshipIn('en', value) ?? value },
  { path: 'escort.phone', document: 'discharge' },
  // A known indication is worded by careprint; free text is printed as given, inside a sentence.
  { path: 'session.indication', document: 'consent', printedAs: (value) => indicationFacts(value, 'iv').name('en') ?? value },
  { path: 'session.provider.name', document: 'consent', printedAs: asGiven },
  { path: 'session.provider.credentials', document: 'consent', printedAs: asGiven },
  { path: 'representative.name', document: 'consent', printedAs: asGiven },
  { path: 'representative.relationship', document: 'consent', printedAs: (value) => relationshipIn('en', value) ?? value },
  { path: 'interpreter.name', document: 'consent', printedAs: asGiven },
  { path: 'interpreter.id', document: 'consent', printedAs: asGiven },
  { path: 'interpreter.language', document: 'consent', printedAs: asGiven },
];

/** A visit with a representative and an interpreter, so the consent prints every person. */
const baseVisit = (): Json =>
  visitWith('iv', {
    representative: { name: 'Robin Vale', relationship: 'health care agent' },
    interpreter: { name: 'Rosa Diaz', id: 'INT-0042', language: 'Spanish' },
    patient: { phone: '(555) 010-7781' },
  });

/** `value` put at `path` (dotted, with `[i]` for a list item) in a copy of `root`. */
function withValue(root: Json, path: string, value: string): Json {
  const copy = structuredClone(root);
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) as string] = value;
  return copy;
}

/** The text the model keeps of a value: white space runs as one space, trimmed, in NFC. */
const asKept = (value: string) => value.replace(/\s+/g, ' ').trim().normalize('NFC');

/**
 * Whether the PDF's text holds `expected`. A long value may wrap, and a line break falls
 * where a space was or inside a word, so white space is left out of both sides: what is
 * compared is every other character, in order.
 */
function pdfHolds(bytes: Uint8Array, expected: string): boolean {
  const needle = expected.replace(/\s+/g, '');
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    // As written: without the option mupdf spells a ligature character (U+FB01) out as "fi".
    const page = doc.loadPage(i).toStructuredText('preserve-whitespace,preserve-ligatures').asText().replace(/\s+/g, '');
    if (page.includes(needle)) return true;
    pages.push(page);
  }
  // A paragraph split over two pages.
  return pages.join('').includes(needle);
}

/** Pieces of text, weighted towards what people type, with every kind of character careprint must print or refuse. */
const piece = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
  { weight: 5, arbitrary: fc.constantFrom('Núñez', 'Zoë', 'Łukasz', 'Øyvind', 'Çağrı', 'Nguyễn', 'Ελένη', 'Ольга', 'José', 'Jose\u0301', 'q\u0301', 'A\u030A', 'ﬁ', 'ß', 'İ', "O'Brien", '&amp;', '<b>', '{{x}}') },
  { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u2003', '\u3000', '\u2028') },
  { weight: 1, arbitrary: fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\uFE0F', '\u034F', '\u180E', '\u115F') },
  { weight: 1, arbitrary: fc.constantFrom('محمد', 'כהן', 'देवी', 'ไทย', 'ລາວ', 'ܐܦܪܝܡ', 'ހަސަން', 'ߡߊߘߎ', 'ᠪᠠᠲᠤ', 'ক', 'ਪ', 'த', 'ಕ', 'ස', 'ខ្មែរ', 'မြန်', 'བོད', '\u064B', '\u0964', '\u060C') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\uFFFD', '王小明', '한', '😀', '\uD800', '\uDC00', '\uE000', '\uFFFF') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
);
const anyText = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

describe('any text in any text field', () => {
  it(
    'prints exactly as the record holds it in NFC, or is refused naming that field',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), anyText, async (field, value) => {
          const inClinic = field.path.startsWith('clinic.');
          const visit = inClinic ? baseVisit() : withValue(baseVisit(), field.path, value);
          const clinicInput = inClinic ? withValue(clinic(), field.path.slice('clinic.'.length), value) : clinic();
          let bytes: Uint8Array;
          try {
            ({ bytes } = await renderDocument(field.document, visit, clinicInput));
          } catch (error) {
            if (!(error instanceof CareprintError)) throw error;
            expect(error.problems.map((p) => p.path)).toEqual(error.problems.map(() => field.path));
            // The value goes in its own field, never in a message that could be logged.
            const kept = asKept(value);
            if (kept.length >= 4) for (const p of error.problems) expect(p.message).not.toContain(kept);
            return;
          }
          if (field.printedAs === undefined) return;
          const printed = field.printedAs(asKept(value));
          expect(printed.normalize('NFC')).toBe(printed);
          if (!pdfHolds(bytes, printed)) expect.fail(`${field.path}: ${JSON.stringify(printed)} is not in the PDF's text`);
        }),
        fuzzParameters(40),
      );
    },
    fuzzTimeout,
  );
});
