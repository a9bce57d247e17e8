import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { fieldPlacements } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';

const consent = async (v: Record<string, unknown>, lang?: 'en' | 'es') => renderDocument('consent', v, clinic(), lang ? { lang } : {});
const text = async (v: Record<string, unknown>, lang?: 'en' | 'es') => pdfText((await consent(v, lang)).bytes).replace(/- /g, '-');

describe('the consent', () => {
  it('says what, how, who, why and how many for an IV visit, with the off-label statement', async () => {
    expectPhrases(await text(visit('iv')), [
      'Consent for ketamine treatment',
      'Dana Whitfield',
      'HL-100234',
      'Why you are having it: depression that has not improved with other treatment (treatment-resistant depression).',
      'The ketamine flows in slowly over about 40 minutes.',
      'they watch you for about 30 minutes before you can leave',
      'Who gives it: Priya Raman, MD orders your treatment.',
      'Treatment is usually a series of 4 to 8 sessions over 2 to 3 weeks.',
      'It has not approved ketamine for depression that has not improved with other treatment',
      'We cannot promise that it will help you',
      'You can also stop at any time, even during a session.',
      'no food for 6 hours before each session, and only clear liquids until 2 hours before.',
      'For 24 hours after each session: do not drive',
      'I was offered a copy of this form.',
    ]);
  });

  it('gives a long infusion and long monitoring in hours, as a patient reads them', async () => {
    // A pain infusion of 4 hours read "over about 240 minutes".
    const pain = visitWith('iv', { session: { durationMinutes: 240, indication: 'crps' } });
    const watched = { ...clinic(), policy: { monitoringMinutes: 90 } };
    const en = pdfText((await renderDocument('consent', pain, watched)).bytes);
    expectPhrases(en, ['The ketamine flows in slowly over about 4 hours.', 'they watch you for about 1 hour 30 minutes before you can leave']);
    const es = pdfText((await renderDocument('consent', pain, watched, { lang: 'es' })).bytes);
    expectPhrases(es, ['La ketamina entra despacio durante 4 horas, más o menos.', 'le observan durante 1 hora y 30 minutos, más o menos, antes de que pueda irse']);
    const im = pdfText((await renderDocument('consent', visit('im'), clinic(), { lang: 'es' })).bytes);
    expectPhrases(im, ['El medicamento hace efecto durante 15 minutos, más o menos.', 'Después le siguen observando durante 30 minutos, más o menos, antes de que pueda irse.']);
    expect(`${en}${es}`).not.toMatch(/\d{3} (minutes|minutos)/);
  });

  it('refuses a consent for a patient under the consent age without a parent or guardian to sign it', async () => {
    const problems = async (v: Record<string, unknown>, c = clinic()) =>
      renderDocument('consent', v, c).then(
        () => [],
        (error: { problems: { code: string; path: string; message: string }[] }) => error.problems.map((p) => `${p.code} ${p.path}: ${p.message}`),
      );
    // 16 on 24 November 2026; the day before the 18th birthday, still 17.
    const minor = visitWith('iv', { patient: { birthDate: '2010-05-01' } });
    expect(await problems(minor)).toEqual([
      "clinical_hard_stop representative: required — the patient is 16 on the session date, under the clinic's consent age of 18: a parent or legal guardian signs the consent",
    ]);
    expect(await problems(visitWith('iv', { patient: { birthDate: '2008-11-25' } }))).toEqual([expect.stringContaining('the patient is 17 on the session date')]);
    expect(await problems(visitWith('iv', { patient: { birthDate: '2008-11-24' } }))).toEqual([]);
    // With a guardian named, the consent prints with the guardian's signature block.
    const signed = visitWith('iv', { patient: { birthDate: '2010-05-01' }, representative: { name: 'Ana Whitfield', relationship: 'mother and legal guardian' } });
    expect(pdfText((await consent(signed)).bytes)).toContain('Ana Whitfield');
    // A clinic where the law lets a 16-year-old consent says so in its policy.
    expect(await problems(minor, { ...clinic(), policy: { consentAge: 16 } })).toEqual([]);
    // The patient named as their own representative is refused like a missing one would be.
    expect(await problems(visitWith('iv', { representative: { name: 'Dana Whitfield', relationship: 'self' } }))).toEqual([
      "clinical_hard_stop representative.name: is the patient's own name; the representative is another person, who signs for the patient",
    ]);
    // The other documents do not need the guardian's signature.
    await expect(renderDocument('discharge', minor, clinic())).resolves.toBeDefined();
  });

  it('describes esketamine: REMS, 2 hours of observation, no off-label section for an approved use', async () => {
    const t = await text(visit('intranasal'));
    expectPhrases(t, ['Consent for esketamine nasal spray treatment', 'federal safety program called REMS', 'at least 2 hours after the dose', 'no food for 2 hours before each session, and only clear liquids until 30 minutes before.']);
    expect(t).not.toContain('Off-label use');
    expect(t).not.toContain('Esketamine nasal spray\n');
  });

  it('marks esketamine for an unapproved indication as off-label', async () => {
    const t = await text(visitWith('intranasal', { session: { indication: 'ptsd' } }));
    expectPhrases(t, ['Off-label use', 'It has not approved it for post-traumatic stress disorder (PTSD).']);
  });

  it('prints a free-text indication as given, and counts it as off-label', async () => {
    const t = await text(visitWith('iv', { session: { indication: 'major depressive disorder with anxious distress' } }));
    expectPhrases(t, ['Why you are having it: major depressive disorder with anxious distress.', 'It has not approved ketamine for major depressive disorder with anxious distress.']);
  });

  it('leaves brain stimulation out of the alternatives for a pain indication', async () => {
    const t = await text(visitWith('iv', { session: { indication: 'chronic pain (complex regional pain syndrome)' } }));
    expect(t).toContain('Why you are having it: complex regional pain syndrome (CRPS).');
    expect(t).toContain('Talk therapy');
    expect(t).not.toContain('ECT or TMS');
  });

  it('prints the planned series, the representative and the named interpreter', async () => {
    expectPhrases(await text(visit('representative')), [
      'Your provider plans 8 sessions over about 4 weeks.',
      "I am the patient's legally authorized representative (health care agent).",
      'Legal representative: Carla Marchetti',
      'I saw the patient or representative sign this form.',
      'Interpreter ID: ASL-2291',
      'Language: American Sign Language',
      'Interpreter: Jordan Pike',
    ]);
  });

  it('words the Spanish consent in Spanish, the indication too, with a line for the interpreter', async () => {
    const t = await text(visit('spanish-im'));
    expectPhrases(t, [
      'Consentimiento para el tratamiento con ketamina',
      'Por qué lo recibe: trastorno de estrés postraumático (TEPT).',
      'El medicamento hace efecto durante 15 minutos, más o menos.',
      'No la aprobó para: trastorno de estrés postraumático (TEPT).',
      'no comer nada durante 6 horas antes de cada sesión',
      'Interpreté este formulario y la conversación sobre él al español.',
      'Número de identificación del intérprete',
      'Página 1 de 6',
    ]);
    expect(t).not.toContain('Why you are having it');
  });

  it('has initials and signature fields for every signer, each where the layout drew it', async () => {
    const { bytes } = await consent(visit('representative'));
    const fields = await fieldPlacements(bytes);
    expect(fields.map((f) => `${f.type} ${f.name}`)).toEqual([
      '/Tx consent.initials.risks',
      '/Tx consent.initials.responsibilities',
      '/Sig consent.patient.signature',
      '/Tx consent.patient.date',
      '/Tx consent.patient.time',
      '/Sig consent.representative.signature',
      '/Tx consent.representative.date',
      '/Tx consent.representative.time',
      '/Sig consent.provider.signature',
      '/Tx consent.provider.date',
      '/Tx consent.provider.time',
      '/Tx consent.witness.name',
      '/Sig consent.witness.signature',
      '/Tx consent.witness.date',
      '/Tx consent.witness.time',
      '/Sig consent.interpreter.signature',
      '/Tx consent.interpreter.date',
      '/Tx consent.interpreter.time',
    ]);
    const doc = await PDFDocument.load(bytes);
    for (const f of fields) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = f.rect;
      expect(x1).toBeGreaterThanOrEqual(54);
      expect(x2).toBeLessThanOrEqual(612 - 54);
      expect(y2 - y1).toBeGreaterThan(10);
      expect(f.page).toBeGreaterThan(0);
      expect(f.page).toBeLessThanOrEqual(doc.getPageCount());
    }
  });

  it('asks for the off-label initials only when the use is off-label', async () => {
    const names = (await fieldPlacements((await consent(visit('spanish'))).bytes)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['consent.initials.off-label', 'consent.interpreter.id', 'consent.interpreter.name']));
    expect(names).not.toContain('consent.representative.signature');
  });
});
