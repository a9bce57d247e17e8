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
      'La hora de arriba cuenta con que salga a la hora prevista (2:10 p. m.)',
      'Una persona adulta debe llevarle a casa y quedarse con usted esta noche. Hoy es Andrés Ríos (esposo).',
      'No maneje hasta el miércoles 25 de noviembre, 2:10 p. m.',
      'Durante las próximas 24 horas',
      'No tome alcohol',
      'Es normal por unas horas',
      'Llame a la clínica si',
      'Llame al 911',
      'Llame o escriba al 988',
      'Próxima cita: jueves 26 de noviembre, 1:00 p. m.',
      'Firmas',
      'Acompañante: Andrés Ríos',
      'Personal de enfermería que da el alta',
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

  it('prints a common relationship given in the other language in the sheet\'s own, and any other as given', async () => {
    const spanish = (escort: Record<string, unknown>) => renderDocument('discharge', visitWith('iv', { escort }), clinic(), { lang: 'es' }).then((r) => pdfText(r.bytes));
    expect(await spanish({ relationship: 'spouse' })).toContain('Hoy es Sam Whitfield (cónyuge).');
    // Free text careprint cannot put into Spanish is left out of a Spanish sheet, never printed in English.
    const godmother = await spanish({ relationship: 'Godmother' });
    expect(godmother).toContain('Hoy es Sam Whitfield.');
    expect(godmother).not.toContain('Godmother');
    const proxy = await spanish({ relationship: 'husband and legal health care proxy' });
    expect(proxy).toContain('Hoy es Sam Whitfield.');
    expect(proxy).not.toMatch(/husband|proxy/);
    // Given in Spanish too, it is printed in Spanish.
    expect(await spanish({ relationship: { en: 'Godmother', es: 'madrina' } })).toContain('Hoy es Sam Whitfield (madrina).');
    const english = pdfText((await renderDocument('discharge', visitWith('iv', { escort: { relationship: 'esposo' } }), clinic(), { lang: 'en' })).bytes);
    expect(english).toContain('Today that is Sam Whitfield (husband).');
    const godmotherEn = pdfText((await renderDocument('discharge', visitWith('iv', { escort: { relationship: 'Godmother' } }), clinic(), { lang: 'en' })).bytes);
    expect(godmotherEn).toContain('Today that is Sam Whitfield (Godmother).');
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
    expect(text).toContain('Hoy recibió esketamina en aerosol nasal. Hora: 10:30 p. m.');
    expect(text).toContain('La hora de arriba cuenta con que salga a la hora prevista (miércoles 25 de noviembre, 12:30 a. m.)');
    expect(text).toContain('Ni antes de mañana, después de dormir toda la noche.');
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
    expect(await fasting('2026-11-24T13:00')).toContain('hasta por lo menos el miércoles 25 de noviembre, 2:10 p. m. Sin alguien');
    expect(await fasting('2026-11-24T10:50')).toContain('hasta por lo menos el miércoles 25 de noviembre, 12:00 del mediodía. Sin alguien');
    // The expected time to leave, and the start, close their sentences the same way.
    expect(await fasting('2026-11-24T13:00')).toContain('Hora de inicio: 1:00 p. m. Hora prevista de salida: 2:10 p. m. Con el estómago');
    expect(await fasting('2026-11-24T10:50')).toContain('Hora prevista de salida: 12:00 del mediodía. Con el estómago');
  });
});
