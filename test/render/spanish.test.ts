import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { relationshipIn } from '../../src/template/relationships.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { expectPhrases, pdfPagesText, pdfText } from '../helpers/pdfText.js';

describe('the discharge sheet in Spanish', () => {
  it('is chosen by patient.language and prints Spanish times, dates and every section', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('spanish'), clinic());
    expect(info.language).toBe('es');
    const text = pdfText(bytes);
    expectPhrases(text, [
      'Cuidados en casa después de la ketamina',
      'Guadalupe Ríos Ortega',
      '14 de febrero de 1975',
      'Hora de inicio: 1:00 p. m.',
      'Hora prevista de salida de la clínica: 2:10 p. m.',
      'Adulto que le lleva a casa: Andrés Ríos (esposo)',
      'No maneje hasta el miércoles 25 de noviembre, 2:10 p. m.',
      'Durante las próximas 24 horas',
      'No tome alcohol.',
      'Qué es normal',
      'Llame a la clínica si',
      'Llame al 911',
      'llame o envíe un mensaje de texto al 988',
      'jueves 26 de noviembre, 1:00 p. m.',
      'Firmas',
      'Enfermera o enfermero que da el alta',
    ]);
    expect(text).not.toMatch(/\b(Do not drive|Page \d|Signature|Printed name)\b/);
    const pages = pdfPagesText(bytes);
    pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${pages.length}`));
  });

  it('follows --lang over patient.language', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('iv'), clinic(), { lang: 'es' });
    expect(info.language).toBe('es');
    expect(pdfText(bytes)).toContain('No maneje hasta el miércoles 25 de noviembre, 10:10 a. m.');
  });

  it('prints a common relationship given in the other language in the sheet\'s own, and any other only in the language it is given in', async () => {
    const spanish = (escort: Record<string, unknown>) => renderDocument('discharge', visitWith('iv', { escort }), clinic(), { lang: 'es' }).then((r) => pdfText(r.bytes));
    expect(await spanish({ relationship: 'spouse' })).toContain('Adulto que le lleva a casa: Sam Whitfield (cónyuge)');
    // "(Godmother)" on a Spanish sheet was English left in: refused, naming the field.
    await expect(spanish({ relationship: 'Godmother' })).rejects.toMatchObject({
      problems: [{ code: 'input_invalid', path: 'escort.relationship', message: expect.stringContaining('a Spanish document needs it in Spanish'), value: 'Godmother' }],
    });
    expect(await spanish({ relationship: { en: 'Godmother', es: 'madrina' } })).toContain('Adulto que le lleva a casa: Sam Whitfield (madrina)');
    // A sheet that does not print the relationship is not refused for it.
    await expect(renderDocument('side-effects', visitWith('iv', { escort: { relationship: 'Godmother' } }), clinic(), { lang: 'es' })).resolves.toBeDefined();
    const english = pdfText((await renderDocument('discharge', visitWith('iv', { escort: { relationship: 'esposo' } }), clinic(), { lang: 'en' })).bytes);
    expect(english).toContain('with Sam Whitfield (husband)');
    const consent = pdfText((await renderDocument('consent', visit('representative'), clinic(), { lang: 'es' })).bytes);
    expect(consent).toContain('(apoderado(a) para atención médica)');
  });

  it('reads a relationship whatever its case, accents and spacing, and leaves one already in the sheet\'s language alone', () => {
    expect(relationshipIn('es', ' Legal  Guardian ')).toBe('tutor legal');
    expect(relationshipIn('en', 'Cónyuge')).toBe('spouse');
    expect(relationshipIn('en', 'conyuge')).toBe('spouse');
    expect(relationshipIn('en', 'Tutor legal')).toBe('legal guardian');
    expect(relationshipIn('es', 'Hermana')).toBe('Hermana');
    expect(relationshipIn('en', 'sister')).toBe('sister');
    expect(relationshipIn('es', 'husband and legal health care proxy')).toBeNull();
    expect(relationshipIn('en', 'husband and legal health care proxy')).toBe('husband and legal health care proxy');
    expect(relationshipIn('es', { en: 'husband and legal health care proxy', es: 'esposo y apoderado legal' })).toBe('esposo y apoderado legal');
    expect(relationshipIn('en', { es: 'esposo' })).toBe('husband');
  });

  it('says when esketamine needs a night of sleep, and dates other days', async () => {
    const v = visitWith('intranasal', { patient: { language: 'es' }, session: { start: '2026-11-24T22:30' } });
    const text = pdfText((await renderDocument('discharge', v, clinic())).bytes);
    expect(text).toContain('Hoy recibió esketamina en aerosol nasal.');
    expect(text).toContain('Hora prevista de salida de la clínica: miércoles 25 de noviembre, 12:30 a. m.');
    expect(text).toContain('espere también hasta el día siguiente, después de una noche completa de sueño');
  });
});

describe('sentences that end with a time, in Spanish', () => {
  const documents = ['consent', 'side-effects', 'fasting', 'discharge'];
  // Sessions whose times fall in the morning, the afternoon, at noon and at midnight.
  it.each(['2026-11-24T08:00', '2026-11-24T13:00', '2026-11-24T10:50', '2026-11-24T06:00'])('close with one period, never "p. m.." (session at %s)', async (start) => {
    for (const type of documents) {
      const text = pdfText((await renderDocument(type, visitWith('iv', { session: { start } }), clinic(), { lang: 'es' })).bytes);
      expect(text, `${type} at ${start}`).not.toMatch(/[ap]\. m\.\.|mediodía\.\.|\)\.\./);
    }
  });

  it('lets the abbreviation\'s period close the sentence, and gives noon one of its own', async () => {
    const fasting = async (start: string) => pdfText((await renderDocument('fasting', visitWith('iv', { session: { start } }), clinic(), { lang: 'es' })).bytes);
    expect(await fasting('2026-11-24T13:00')).toContain('hasta por lo menos el miércoles 25 de noviembre, 2:10 p. m. Si no tiene un adulto');
    expect(await fasting('2026-11-24T10:50')).toContain('hasta por lo menos el miércoles 25 de noviembre, 12:00 del mediodía. Si no tiene un adulto');
  });
});
