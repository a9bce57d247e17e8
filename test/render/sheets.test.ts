import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/clinical/deriveFacts.js';
import { checkElements, elementRules } from '../../src/clinical/requiredElements.js';
import { CareprintError } from '../../src/errors.js';
import { markedElements } from '../../src/markup/elements.js';
import { parseMarkup } from '../../src/markup/parseMarkup.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { renderDocument } from '../../src/render.js';
import { fill } from '../../src/template/fill.js';
import { loadTemplate } from '../../src/template/registry.js';
import { buildView } from '../../src/template/view.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { fieldPlacements } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';

interface TextLine {
  readonly text: string;
  /** Top of the line from the top of the page, in points. */
  readonly y: number;
  readonly sizePt: number;
}

/** The lines of the first page, with where they stand and their type size (mupdf). */
function firstPageLines(bytes: Uint8Array): { lines: TextLine[]; heightPt: number } {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const page = doc.loadPage(0);
  const json = JSON.parse(page.toStructuredText('preserve-whitespace').asJSON()) as { blocks: { lines?: { bbox: { y: number }; text: string; font: { size: number } }[] }[] };
  const lines = json.blocks.flatMap((b) => b.lines ?? []).map((l) => ({ text: l.text, y: l.bbox.y, sizePt: l.font.size }));
  const [, , , heightPt] = page.getBounds();
  return { lines, heightPt };
}

const fixtures = ['iv', 'im', 'intranasal', 'spanish', 'spanish-im'] as const;

describe('the discharge sheet\'s first half-page', () => {
  it.each(fixtures)('holds the no-driving time, the escort, 911 and 988, under the largest heading (%s)', async (fixture) => {
    for (const withDischarge of [false, true]) {
      const v = withDischarge ? visitWith(fixture, { session: { dischargeAt: fixture === 'intranasal' ? '2026-11-24T17:30' : fixture === 'im' ? '2026-11-24T15:10' : fixture === 'spanish-im' ? '2026-11-24T12:30' : fixture === 'spanish' ? '2026-11-24T14:20' : '2026-11-24T10:20' } }) : visit(fixture);
      const { lines, heightPt } = firstPageLines((await renderDocument('discharge', v, clinic())).bytes);
      const es = fixture.startsWith('spanish');
      const must = es ? [/^No maneje hasta/, /Una persona adulta debe llevarle a casa/, /Llame al 911/, /988/] : [/^No driving until/, /An adult must take you home/, /Call 911/, /988/];
      for (const pattern of must) {
        const line = lines.find((l) => pattern.test(l.text));
        expect(line, `${fixture}: ${pattern}`).toBeDefined();
        expect(line?.y ?? Infinity, `${fixture}: ${pattern}`).toBeLessThan(heightPt / 2);
      }
      // The no-driving heading is larger than every other line on the page, the title too.
      const heading = lines.find((l) => (must[0] as RegExp).test(l.text));
      const others = lines.filter((l) => l.sizePt !== heading?.sizePt);
      expect(Math.max(...others.map((l) => l.sizePt))).toBeLessThan(heading?.sizePt ?? 0);
    }
  });
});

describe('the nurse\'s blanks in the no-driving box', () => {
  it('are lines and form fields when the time to leave is only expected, with the time the printed one assumes', async () => {
    const { bytes } = await renderDocument('discharge', visit('iv'), clinic());
    expect(pdfText(bytes)).toContain('The time above is for leaving at 10:10 AM. If you leave at another time, the nurse writes the new times: Left at No driving until on');
    const fields = await fieldPlacements(bytes);
    const blanks = fields.filter((f) => /left-at|no-driving/.test(f.name));
    expect(blanks.map((f) => [f.name, f.type, f.page])).toEqual([
      ['discharge.left-at', '/Tx', 1],
      ['discharge.no-driving-time', '/Tx', 1],
      ['discharge.no-driving-day', '/Tx', 1],
    ]);
    // One line: "No driving until ____ on ____" with the first blank left of the second.
    const [, time, day] = blanks;
    expect(time?.rect[1]).toBeCloseTo(day?.rect[1] ?? 0, 1);
    expect(time?.rect[2] ?? Infinity).toBeLessThan(day?.rect[0] ?? 0);
    const es = await renderDocument('discharge', visit('spanish'), clinic());
    expect(pdfText(es.bytes)).toContain('La hora de arriba cuenta con que salga a la hora prevista (2:10 p. m.). Si sale a otra hora, la enfermería anota las horas nuevas: Salida No maneje hasta el');
  });

  it('are left out when the visit gives the time the patient left', async () => {
    const { bytes } = await renderDocument('discharge', visitWith('iv', { session: { dischargeAt: '2026-11-24T10:45' } }), clinic());
    expect((await fieldPlacements(bytes)).filter((f) => /left-at|no-driving/.test(f.name))).toEqual([]);
    const text = pdfText(bytes);
    expect(text).toContain('You left the clinic at 10:45 AM. You may drive again 24 hours after that.');
    expect(text).not.toContain('the nurse writes');
    // In Spanish the time's own abbreviation closes the sentence: one period, never "p. m..".
    const es = pdfText((await renderDocument('discharge', visitWith('spanish', { session: { dischargeAt: '2026-11-24T14:20' } }), clinic())).bytes);
    expect(es).toContain('Hora de salida de la clínica: 2:20 p. m. Puede volver a manejar 24 horas después.');
    expect(es).not.toMatch(/[ap]\. m\.\./);
  });

  it('put the printed name of the discharging nurse beside the label, as a form field', async () => {
    const fields = await fieldPlacements((await renderDocument('discharge', visit('iv'), clinic())).bytes);
    const name = fields.find((f) => f.name === 'discharge.nurse.name');
    const signature = fields.find((f) => f.name === 'discharge.nurse.signature');
    expect(name?.rect[0] ?? 0).toBeGreaterThan(100);
    expect(name?.rect[1] ?? 0).toBeGreaterThan(signature?.rect[3] ?? Infinity);
  });
});

describe('route-true text', () => {
  it('says nothing of infusions, drips or a treatment slowed on the esketamine sheets, and what the label asks', async () => {
    for (const lang of ['en', 'es'] as const) {
      for (const doc of ['discharge', 'fasting']) {
        // The clinic's own name ("… Infusion Clinic") is the clinic's, not the sheet's words.
        const text = pdfText((await renderDocument(doc, visit('intranasal'), clinic(), { lang })).bytes).replaceAll(clinic().name as string, '');
        expect(text, `${doc} ${lang}`).not.toMatch(/infusion|infusión|drip|goteo|\bIV\b|suero|slow or stop|the whole time|sleeves|mangas|slows your reactions/i);
      }
    }
    expectPhrases(pdfText((await renderDocument('discharge', visit('intranasal'), clinic())).bytes), [
      'And not before tomorrow, after a full night of sleep.',
      'We checked your blood pressure before the dose and about 40 minutes after',
      'watched you for 2 hours or more',
      'only given at certified clinics',
      'a strange taste, or a sore nose or throat',
    ]);
    expectPhrases(pdfText((await renderDocument('fasting', visit('intranasal'), clinic())).bytes), ['If you need a steroid or decongestant nose spray that day, use it by 2:00 PM, at least 1 hour before your treatment.']);
  });

  it('speaks of the IM shot: the upper arm, how long its effects last, and the watch after it', async () => {
    expectPhrases(pdfText((await renderDocument('discharge', visit('im'), clinic())).bytes), [
      'Today you had a ketamine shot into a muscle (IM) at 1:30 PM. Its effects start within minutes and last about an hour. We watched you until you were steady.',
      'A sore spot where the shot went in',
    ]);
    expectPhrases(pdfText((await renderDocument('fasting', visit('im'), clinic())).bytes), ['sleeves that roll up to the shoulder: the shot goes into your upper arm']);
    expectPhrases(pdfText((await renderDocument('fasting', visit('spanish-im'), clinic())).bytes), ['la inyección va en la parte de arriba del brazo']);
    const iv = pdfText((await renderDocument('discharge', visit('iv'), clinic())).bytes);
    expect(iv).not.toMatch(/shot|nasal/);
  });

  it('sends an IM patient who starts at 9:00 AM home at about 10:30 AM', async () => {
    const v = visitWith('im', { session: { start: '2026-11-24T09:00' }, nextAppointment: undefined });
    expectPhrases(pdfText((await renderDocument('discharge', v, clinic())).bytes), ['No driving until 10:30 AM on Wednesday, November 25', 'The time above is for leaving at 10:30 AM.']);
    expectPhrases(pdfText((await renderDocument('fasting', v, clinic())).bytes), ['Plan to leave at about 10:30 AM.']);
  });
});

describe('the fasting sheet', () => {
  it('allows a sip of water with medicines until the clear-liquids time, and tells GLP-1 users to call', async () => {
    expectPhrases(pdfText((await renderDocument('fasting', visit('iv'), clinic())).bytes), [
      'Take your morning medicines with a small sip of water until 7:00 AM',
      'Do you take medicine for diabetes or weight loss, like Ozempic, Wegovy, Mounjaro or Zepbound? Call the clinic before your visit.',
    ]);
    expectPhrases(pdfText((await renderDocument('fasting', visit('spanish'), clinic())).bytes), [
      'con un sorbito de agua hasta la hora de los últimos líquidos (11:00 a. m.)',
      '¿Usa medicinas para la diabetes o para bajar de peso, como Ozempic, Wegovy, Mounjaro o Zepbound? Llame a la clínica antes de su cita.',
    ]);
  });

  it('is refused when its template drops the GLP-1 notice or the nasal medicines', () => {
    const v = parseVisit(visit('intranasal'), clinic());
    const template = loadTemplate('fasting', 'en');
    const stamp = { id: 'CP-FST-0', templateId: 'fasting', version: '0', effectiveDate: '2026-12-08' };
    const marked = markedElements(parseMarkup(fill(template, buildView(v, deriveFacts(v), 'en', stamp)), template.source));
    expect(() => checkElements(template.source, marked, elementRules('fasting', v))).not.toThrow();
    const without = marked.filter((m) => m.element !== 'glp1' && m.element !== 'nasal-medicines');
    let error: unknown;
    try {
      checkElements(template.source, without, elementRules('fasting', v));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CareprintError);
    expect((error as CareprintError).problems.map((p) => p.message)).toEqual(['the required element "glp1" is missing', 'the required element "nasal-medicines" is missing']);
  });
});

describe('the Spanish sheets', () => {
  it.each(['iv', 'im', 'intranasal'] as const)('use words that fit any patient, and no calques (%s)', async (route) => {
    for (const doc of ['discharge', 'fasting']) {
      const text = pdfText((await renderDocument(doc, visit(route), clinic(), { lang: 'es' })).bytes);
      expect(text, doc).not.toMatch(/proveedor|se vaya solo|obligad[oa]|usted mism[oa]|\bal paciente\b|cansad[oa]|maread[oa]|Sueño|deportivas claras|Enfermera o enfermero|Adulto que/);
    }
  });
});

describe('a session that spans the hour the clocks repeat', () => {
  it('says the clocks went back during the visit, beside its start and the time to leave', async () => {
    // 1:30 AM EDT on the Sunday daylight saving ends; 70 minutes later the clock shows 1:40 AM EST.
    const v = visitWith('iv', { session: { start: '2026-11-01T01:30' }, nextAppointment: undefined });
    expectPhrases(pdfText((await renderDocument('discharge', v, clinic())).bytes), [
      'The time above is for leaving at 1:40 AM.',
      'The clocks go back 1 hour at 2:00 AM on Sunday, November 1, during your visit. The times above already take that into account.',
      'It started at 1:30 AM.',
    ]);
    expectPhrases(pdfText((await renderDocument('discharge', v, clinic(), { lang: 'es' })).bytes), [
      'El domingo 1 de noviembre a las 2:00 a. m., durante su visita, los relojes se atrasan 1 hora. Las horas de arriba ya tienen en cuenta ese cambio.',
    ]);
    // A visit the change does not fall in says nothing of it.
    expect(pdfText((await renderDocument('discharge', visitWith('iv', { session: { start: '2026-11-01T03:30' }, nextAppointment: undefined }), clinic())).bytes)).not.toContain('during your visit');
  });
});
