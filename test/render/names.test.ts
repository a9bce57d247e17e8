import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visitWith } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/pdfText.js';

async function refusal(patch: Record<string, unknown>): Promise<string[]> {
  try {
    await renderDocument('discharge', visitWith('iv', patch), clinic());
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('names on the page', () => {
  it('prints a name as the record holds it, in NFC, whatever form it came in', async () => {
    const { bytes } = await renderDocument('discharge', visitWith('iv', { patient: { givenName: 'Jose\u0301', familyName: 'Nu\u0301n\u0303ez' }, escort: { name: 'Nguyễn Thị Hương' } }), clinic());
    const text = pdfText(bytes);
    expect(text).toContain('Jos\u00E9 N\u00FA\u00F1ez');
    expect(text).not.toContain('Jose\u0301');
    expect(text).toContain('Nguyễn Thị Hương'.normalize('NFC'));
  });

  it('refuses a name it would print reversed or unjoined rather than print it wrong', async () => {
    // Printed, these gave "ןהכ" and Arabic letters in visual reverse, each in its isolated form.
    expect(await refusal({ patient: { familyName: 'כהן' } })).toEqual(['input_invalid patient.familyName: cannot yet print Hebrew script correctly']);
    expect(await refusal({ patient: { familyName: 'محمد' } })).toEqual(['input_invalid patient.familyName: cannot yet print Arabic script correctly']);
    // Printed "dleiftihW".
    expect(await refusal({ patient: { familyName: '\u202Edleiftih W' } })).toEqual([
      'input_invalid patient.familyName: has a bidirectional control character (U+202E) that would change the order of the printed text; remove it',
    ]);
    // Slipped past the patient-is-own-escort stop.
    expect(await refusal({ escort: { name: 'Dana Whit\u200Bfield' } })).toEqual(['input_invalid escort.name: has an invisible character (U+200B): the printed text would not match the record; remove it']);
  });

  it('keeps the fonts\' refusal of characters they lack, naming the field', async () => {
    expect(await refusal({ patient: { givenName: '王小明' } })).toEqual(['font_missing_glyph patient.givenName: has characters the embedded fonts cannot print (U+738B, U+5C0F, U+660E)']);
  });
});
