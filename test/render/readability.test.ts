import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { pdfPagesText } from '../helpers/pdfText.js';
import { fleschKincaidGrade, inflesz, spanishSyllables } from '../helpers/readability.js';

/**
 * Reading level of the patient-facing text. The page header and footer, the patient
 * banner and the signature captions are not prose and are left out.
 */
function prose(pages: string[]): string {
  return pages
    .map((page) =>
      page
        .split('\n')
        .filter((line) => !/(Page|Página) \d+ (of|de) \d+|Document(o)? CP-|(Born|Nacimiento) |^(Signature|Date|Time|Printed name|Firma|Fecha|Hora|Nombre)\s*$/.test(line))
        .join('\n'),
    )
    .join('\n');
}

const text = async (doc: string, fixture: string) => prose(pdfPagesText((await renderDocument(doc, visit(fixture), clinic())).bytes));

describe('readability of the English documents (Flesch–Kincaid grade)', () => {
  it.each([
    ['discharge', 'iv', 6],
    ['discharge', 'im', 6],
    ['discharge', 'intranasal', 6],
    ['fasting', 'early-morning', 6],
    ['fasting', 'intranasal', 6],
    ['consent', 'iv', 8],
    ['consent', 'representative', 8],
    ['consent', 'im', 8],
    ['consent', 'intranasal', 8],
    ['side-effects', 'iv', 8],
    ['side-effects', 'intranasal', 8],
    ['side-effects', 'im', 8],
  ] as const)('%s (%s) reads at grade %i or lower', async (doc, fixture, limit) => {
    const { grade, words } = fleschKincaidGrade(await text(doc, fixture));
    expect(words).toBeGreaterThan(250);
    expect(grade).toBeLessThanOrEqual(limit);
  });

  it('scores hard text as hard (the measure can fail)', () => {
    const dense = 'Concomitant administration of benzodiazepines potentiates dissociative phenomenology and attenuates therapeutic responsiveness in susceptible individuals.';
    expect(fleschKincaidGrade(dense).grade).toBeGreaterThan(14);
  });
});

describe('readability of the Spanish documents (Szigriszt-Pazos, INFLESZ scale)', () => {
  it.each([
    ['discharge', 'spanish'],
    ['fasting', 'spanish'],
    ['consent', 'spanish'],
    ['consent', 'spanish-im'],
    ['side-effects', 'spanish-im'],
    ['side-effects', 'spanish'],
  ] as const)('%s (%s) is "normal" or easier (55 or more)', async (doc, fixture) => {
    const { score, words } = inflesz(await text(doc, fixture));
    expect(words).toBeGreaterThan(250);
    expect(score).toBeGreaterThanOrEqual(55);
  });

  it('counts Spanish syllables with diphthongs, hiatus and silent u', () => {
    expect(['ketamina', 'día', 'tratamiento', 'aerosol', 'que', 'guiso', 'hoy', 'clínica', 'pingüino', 'leer'].map(spanishSyllables)).toEqual([4, 2, 4, 4, 1, 2, 1, 3, 3, 2]);
  });

  it('scores hard text as hard (the measure can fail)', () => {
    const dense = 'La administración concomitante de benzodiacepinas potencia la fenomenología disociativa y atenúa la respuesta terapéutica en individuos susceptibles.';
    expect(inflesz(dense).score).toBeLessThan(40);
  });
});
