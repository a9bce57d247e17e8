import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { expectPhrases, pdfPagesText, pdfText } from '../helpers/pdfText.js';

describe('the fasting instructions', () => {
  it('put the cut-offs of a 5:00 AM session on the evening before, with dates', async () => {
    const text = pdfText((await renderDocument('fasting', visit('early-morning'), clinic())).bytes);
    expectPhrases(text, [
      'Tuesday, November 24, 2026 at 5:00 AM',
      'Last solid food: 11:00 PM on Monday, November 23',
      'Last clear liquids: 3:00 AM on Tuesday, November 24',
      'After 3:00 AM, have nothing by mouth',
      'Stop eating 6 hours before your treatment, at 11:00 PM on Monday, November 23. After that, eat no solid food',
      'no milk or other dairy',
      'Until 3:00 AM (2 hours before your treatment), you may drink only clear liquids',
      'Apple juice with no pulp',
      'Black coffee or tea, with no milk and no creamer',
      'Take your morning medicines with a small sip of water until 3:00 AM',
      'Plan to leave at about 9:30 AM.',
      'You may not drive until at least 9:30 AM on Wednesday, November 25.',
      'sleeves that roll up above the elbow: the IV goes into your arm',
    ]);
  });

  it('say when the clocks change during the fast, and which of the two equal clock times a cut-off is', async () => {
    // 6:30 AM EST on the Sunday daylight saving ends: six real hours before is 1:30 AM
    // EDT, the first of that night's two 1:30 AMs; the second would leave five hours.
    const fallBack = visitWith('iv', { session: { start: '2026-11-01T06:30' }, nextAppointment: undefined });
    const text = pdfText((await renderDocument('fasting', fallBack, clinic())).bytes);
    expectPhrases(text, [
      'Last solid food: 1:30 AM on Sunday, November 1 (the first time the clock shows 1:30 AM; then the clocks go back 1 hour)',
      'Last clear liquids: 4:30 AM on Sunday, November 1',
      'The clocks go back 1 hour at 2:00 AM on Sunday, November 1. The times above already take that into account.',
      'Stop eating 6 hours before your treatment, at 1:30 AM (the first time the clock shows 1:30 AM; then the clocks go back 1 hour).',
    ]);
    const es = pdfText((await renderDocument('fasting', fallBack, clinic(), { lang: 'es' })).bytes);
    expectPhrases(es, [
      'Última comida sólida: domingo 1 de noviembre, 1:30 a. m. (la primera vez que el reloj marca 1:30 a. m.; luego los relojes se atrasan 1 hora)',
      'El domingo 1 de noviembre a las 2:00 a. m., los relojes se atrasan 1 hora. Las horas de arriba ya tienen en cuenta ese cambio.',
    ]);
    // Spring forward: 9:00 AM EDT less six real hours is 2:00 AM EST, shown as 3:00 AM.
    const spring = pdfText((await renderDocument('fasting', visitWith('iv', { session: { start: '2026-03-08T09:00' }, nextAppointment: undefined }), clinic())).bytes);
    expectPhrases(spring, ['Last solid food: 3:00 AM on Sunday, March 8']);
    expect(spring).not.toContain('The clocks go');
    // A fast that the change falls inside: 8:00 AM EDT less six hours is 1:00 AM EST.
    const across = pdfText((await renderDocument('fasting', visitWith('iv', { session: { start: '2026-03-08T08:00' }, nextAppointment: undefined }), clinic())).bytes);
    expectPhrases(across, ['Last solid food: 1:00 AM on Sunday, March 8', 'The clocks go forward 1 hour at 2:00 AM on Sunday, March 8. The times above already take that into account.']);
    expect(across).not.toContain('the first time the clock shows');
    // Any other day says nothing of clocks.
    expect(pdfText((await renderDocument('fasting', visit('iv'), clinic())).bytes)).not.toMatch(/clocks? (go|shows)/);
  });

  it('name a midnight cut-off by the day it ends, never "12:00 AM on" the next day', async () => {
    // A 6:00 AM session: six hours before is midnight between Monday and Tuesday.
    const six = visitWith('iv', { session: { start: '2026-11-24T06:00' } });
    const text = pdfText((await renderDocument('fasting', six, clinic())).bytes);
    expectPhrases(text, ['Last solid food: 12:00 midnight at the end of Monday, November 23', 'before your treatment, at 12:00 midnight at the end of Monday, November 23.']);
    expect(text).not.toMatch(/12:00 AM/);
    const es = visitWith('spanish', { session: { start: '2026-11-24T06:00' } });
    const texto = pdfText((await renderDocument('fasting', es, clinic())).bytes);
    expectPhrases(texto, ['Última comida sólida: lunes 23 de noviembre, 12:00 de la medianoche (al terminar el día)']);
    expect(texto).not.toMatch(/12:00 a\. m\./);
  });

  it('never split a time over two lines', async () => {
    // "... on Tuesday, November 24, 2026 at 3:00" / "PM. Your stomach ..." was how these two printed.
    for (const name of ['intranasal', 'representative', 'spanish', 'iv']) {
      for (const doc of ['fasting', 'discharge', 'consent'] as const) {
        const text = pdfPagesText((await renderDocument(doc, visit(name), clinic())).bytes).join('\n');
        expect(text.match(/\d:\d\d[ \t]*\n[ \t]*(AM|PM|a\.|p\.|midnight|noon|de la|del)\b/g) ?? [], `${doc} for ${name}`).toEqual([]);
        expect(text.match(/\d:\d\d[\u00a0 ](a\.|p\.)[ \t]*\n/g) ?? [], `${doc} for ${name}`).toEqual([]);
      }
    }
    const text = pdfText((await renderDocument('fasting', visit('intranasal'), clinic())).bytes);
    expectPhrases(text, ['on Tuesday, November 24, 2026 at 3:00 PM.']);
  });

  it('use the esketamine fasting policy for the intranasal route', async () => {
    const text = pdfText((await renderDocument('fasting', visit('intranasal'), clinic())).bytes);
    expect(text).toContain('Last solid food: 1:00 PM on Tuesday, November 24');
    expect(text).toContain('Last clear liquids: 2:30 PM on Tuesday, November 24');
    expect(text).toContain('Stop eating 2 hours before your treatment');
    expect(text).toContain('Until 2:30 PM (30 minutes before your treatment), you may drink only clear liquids');
    expect(text).toContain('use it by 2:00 PM, at least 1 hour before your treatment');
    expect(text).not.toContain('sleeves');
  });

  it('follow the clinic policy numbers', async () => {
    const strict = { ...clinic(), policy: { solidFoodHours: 8, clearLiquidsHours: 3 } };
    const text = pdfText((await renderDocument('fasting', visit('iv'), strict)).bytes);
    expect(text).toContain('Last solid food: 1:00 AM on Tuesday, November 24');
    expect(text).toContain('Last clear liquids: 6:00 AM on Tuesday, November 24');
    expect(text).toContain('Stop eating 8 hours before');
  });

  it('print in Spanish', async () => {
    const v = visitWith('intranasal', { patient: { language: 'es' } });
    const text = pdfText((await renderDocument('fasting', v, clinic())).bytes);
    expectPhrases(text, [
      'Comer y beber antes del tratamiento con ketamina',
      'Última comida sólida: martes 24 de noviembre, 1:00 p. m.',
      'Últimos líquidos claros: martes 24 de noviembre, 2:30 p. m.',
      'Deje de comer 2 horas antes del tratamiento',
      'Hasta 30 minutos antes del tratamiento, puede tomar solo líquidos claros',
      'con un sorbito de agua hasta la hora de los últimos líquidos (2:30 p. m.)',
      'úselo 1 hora o más antes del tratamiento (hora límite: 2:00 p. m.)',
      'Ozempic, Wegovy, Mounjaro o Zepbound',
      'No podrá manejar hasta por lo menos el miércoles 25 de noviembre, 5:00 p. m.',
    ]);
  });

  it('print even without an escort, and say that the treatment needs one', async () => {
    const { escort: _e, ...alone } = visit('iv');
    const text = pdfText((await renderDocument('fasting', alone, clinic())).bytes);
    expect(text).toContain('Without an adult to take you home, your treatment cannot go ahead.');
  });
});
