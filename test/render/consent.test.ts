import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { fieldPlacements } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';

const consent = async (v: Record<string, unknown>, lang?: 'en' | 'es') => renderDocument('consent', v, clinic(), lang ? { lang } : {});
/** The page text without the clinic's name, which the page header repeats ("… Infusion Clinic"). */
const text = async (v: Record<string, unknown>, lang?: 'en' | 'es') =>
  pdfText((await consent(v, lang)).bytes)
    .replace(/- /g, '-')
    .replaceAll(String(clinic().name), '');

describe('the consent', () => {
  it('says what, how, who, why and how many for an IV visit, with the off-label statement', async () => {
    expectPhrases(await text(visit('iv')), [
      'Consent for ketamine treatment',
      'Dana Whitfield',
      'HL-100234',
      'Why you are having it: depression that has not improved with other treatment (treatment-resistant depression).',
      'The ketamine drips in slowly over about 40 minutes.',
      'they watch you for about 30 minutes before you can leave',
      'Who orders it: Priya Raman, MD.',
      'How many sessions: usually 4 to 8 over 2 to 3 weeks',
      'The FDA (the U.S. Food and Drug Administration) has approved ketamine for anesthesia, but not for depression that has not improved with other treatment',
      'No one can promise it will help.',
      'Slowed breathing. This is rare at these doses, and staff watch for it.',
      'You can say no, or stop at any time, even during a session.',
      'No food for 6 hours before each session, and only clear liquids until 2 hours before.',
      'For 24 hours after each session: no driving',
      'I was offered a copy of this form.',
    ]);
  });

  it('gives a long infusion and long monitoring in hours, as a patient reads them', async () => {
    // A pain infusion of 4 hours read "over about 240 minutes".
    const pain = visitWith('iv', { session: { durationMinutes: 240, indication: 'crps' } });
    const watched = { ...clinic(), policy: { monitoringMinutes: 90 } };
    const en = pdfText((await renderDocument('consent', pain, watched)).bytes);
    expectPhrases(en, ['The ketamine drips in slowly over about 4 hours.', 'they watch you for about 1 hour 30 minutes before you can leave']);
    const es = pdfText((await renderDocument('consent', pain, watched, { lang: 'es' })).bytes);
    expectPhrases(es, ['La ketamina entra despacio durante 4 horas, más o menos.', 'le observan durante 1 hora y 30 minutos, más o menos, antes de que pueda irse']);
    expect(`${en}${es}`).not.toMatch(/\d{3} (minutes|minutos)/);
  });

  it('describes the IM injection: where it goes, how long its effects last, observation until steady', async () => {
    const en = await text(visit('im'));
    expectPhrases(en, ['a shot of ketamine into the muscle of your upper arm or thigh', 'the effects last about an hour', 'you stay until you are steady on your feet', 'Plan to be here about 1 hour 30 minutes to 2 hours.']);
    // The dose's 15 minutes were printed as how long the medicine works.
    expect(en).not.toMatch(/works for about 15 minutes|drip|infusion/i);
    const es = await text(visit('im'), 'es');
    expectPhrases(es, ['en el músculo de la parte de arriba del brazo o del muslo', 'el efecto dura más o menos una hora', 'usted se queda hasta que esté estable']);
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
    // An authority that does not fit the patient's age.
    expect(await problems(visitWith('iv', { representative: { name: 'Ana Whitfield', relationship: 'mother', authority: 'parent' } }))).toEqual([
      "clinical_hard_stop representative.authority: a parent signs for a patient under the clinic's consent age of 18; for an adult who cannot consent, the representative is a guardian, health-care-agent or surrogate",
    ]);
    expect(await problems(visitWith('iv', { patient: { birthDate: '2010-05-01' }, representative: { name: 'Ana Whitfield', relationship: 'aunt', authority: 'surrogate' } }))).toEqual([
      "clinical_hard_stop representative.authority: the patient is under the clinic's consent age of 18: a parent or guardian signs",
    ]);
    // The other documents do not need the guardian's signature.
    await expect(renderDocument('discharge', minor, clinic())).resolves.toBeDefined();
  });

  it("carries the esketamine label's elements and nothing written for an infusion", async () => {
    for (const lang of ['en', 'es'] as const) {
      const t = await text(visit('intranasal'), lang);
      expect(t).not.toMatch(/infusi|drip|IV\b|suero|the whole time|todo el tiempo|slow or stop|más lenta o pararla|Ketamine slows/i);
      expect(t).not.toContain(lang === 'en' ? 'Off-label use' : 'Uso fuera de indicación');
      expectPhrases(
        t,
        lang === 'en'
          ? [
              'Consent for esketamine nasal spray treatment',
              'federal safety program (REMS: Risk Evaluation and Mitigation Strategy)',
              'Staff check your blood pressure before the dose and about 40 minutes after it.',
              'You stay at least 2 hours after the dose',
              'If you are 24 or younger:',
              'MAOI antidepressants (monoamine oxidase inhibitors) raise blood pressure with esketamine',
              'Use any steroid or decongestant nose spray at least 1 hour before the dose.',
              'a spinning feeling (vertigo)',
              'numbness, a strange taste, or a sore nose or throat',
              'Slowed breathing.',
              'No food for 2 hours and no drinks for 30 minutes before each dose.',
              'until the next day after a night\'s sleep',
            ]
          : [
              'Consentimiento para el tratamiento con esketamina en aerosol nasal',
              'REMS, en inglés: Estrategia de Evaluación y Mitigación de Riesgos',
              'Le toman la presión arterial antes de la dosis y unos 40 minutos después.',
              'Si tiene 24 años o menos:',
              'antidepresivos IMAO (inhibidores de la monoaminooxidasa) suben la presión con la esketamina',
              'Usar los aerosoles nasales con esteroide o descongestionante al menos 1 hora antes de la dosis.',
              'vértigo (todo da vueltas)',
              'Respiración más lenta.',
            ],
      );
    }
  });

  it('says what the treatment cannot do for depression with thoughts of suicide, on every route', async () => {
    for (const route of ['intranasal', 'iv'] as const) {
      const t = await text(visitWith(route, { session: { indication: 'depression-with-suicidal-thoughts' } }));
      expect(t).toContain(`${route === 'iv' ? 'ketamine' : 'esketamine'} has not been shown to prevent suicide or to lessen thoughts of suicide. It does not replace a hospital stay when you need one.`);
    }
    expect(await text(visit('intranasal'))).not.toContain('prevent suicide');
  });

  it('marks esketamine for an unapproved indication as off-label', async () => {
    const t = await text(visitWith('intranasal', { session: { indication: 'ptsd' } }));
    expectPhrases(t, ['Off-label use', 'has approved esketamine for some kinds of depression, but not for post-traumatic stress disorder (PTSD).']);
  });

  it('prints free text in the language it is given in, and refuses a document in another', async () => {
    const freeText = visitWith('iv', { session: { indication: 'major depressive disorder with anxious distress' } });
    expectPhrases(await text(freeText), ['Why you are having it: major depressive disorder with anxious distress.', 'but not for major depressive disorder with anxious distress.']);
    const refused = await renderDocument('consent', freeText, clinic(), { lang: 'es' }).then(
      () => null,
      (error: { problems: { code: string; path: string; message: string; value?: string }[] }) => error.problems,
    );
    expect(refused).toEqual([
      {
        code: 'input_invalid',
        path: 'session.indication',
        message: 'is free text careprint cannot translate, and a Spanish document needs it in Spanish: give it as {"en": "…", "es": "…"}',
        hint: 'or use one of the terms careprint words in every language (see the README)',
        value: 'major depressive disorder with anxious distress',
      },
    ]);
    // The text stays out of the message, which reaches logs.
    expect(refused?.[0]?.message).not.toContain('anxious');
    const both = visitWith('iv', { session: { indication: { en: 'depression with anxious distress', es: 'depresión con angustia ansiosa' } } });
    expect(await text(both, 'es')).toContain('Por qué lo recibe: depresión con angustia ansiosa.');
    expect(await text(both, 'en')).toContain('Why you are having it: depression with anxious distress.');
    // A known indication given in either language is worded by careprint in both.
    const known = visitWith('iv', { session: { indication: { es: 'TEPT' } } });
    expect(await text(known, 'en')).toContain('Why you are having it: post-traumatic stress disorder (PTSD).');
  });

  it('offers the other choices that fit the indication, abbreviations spelled out', async () => {
    const ptsd = await text(visit('spanish-im'), 'en');
    expectPhrases(ptsd, ['Trauma-focused talk therapy, such as prolonged exposure, cognitive processing therapy, or eye movement desensitization and reprocessing (EMDR)', 'Antidepressant medicines, such as sertraline, paroxetine or venlafaxine', 'No treatment']);
    expect(ptsd).not.toMatch(/ECT|TMS|Esketamine nasal spray/);
    const depression = await text(visit('iv'));
    expectPhrases(depression, ['Electroconvulsive therapy (ECT) or transcranial magnetic stimulation (TMS)', 'Esketamine nasal spray', 'Talk therapy (psychotherapy)']);
    // On the spray's own consent, the spray is not another choice.
    expect(await text(visit('intranasal'))).not.toContain('Esketamine nasal spray No');
    const pain = await text(visitWith('iv', { session: { indication: 'chronic pain (complex regional pain syndrome)' } }));
    expect(pain).toContain('Why you are having it: complex regional pain syndrome (CRPS).');
    expectPhrases(pain, ['Physical therapy', 'Nerve blocks (shots that numb a nerve)']);
    expect(pain).not.toMatch(/ECT|Electroconvulsive/);
    const es = await text(visit('spanish'));
    expectPhrases(es, ['Terapia electroconvulsiva o estimulación magnética transcraneal']);
    expect(es).not.toMatch(/\b(TEC|EMT)\b/);
  });

  it('has the representative sign instead of the patient, saying by what right and why', async () => {
    const t = await text(visit('representative'));
    expectPhrases(t, [
      'How many sessions: 8 sessions over about 4 weeks are planned.',
      "I am the patient's legally authorized representative (health care agent). The patient cannot give consent now, so I agree to this treatment for them.",
      'Representative: Carla Marchetti',
      'I saw the representative sign this form.',
      'I interpreted this form and our talk into American Sign Language. ID: ASL-2291',
      'Interpreter: Jordan Pike',
    ]);
    expect(t).not.toContain('Patient: Theo Marchetti');
    const es = await text(visit('representative'), 'es');
    expectPhrases(es, ['Firmo como representante legal autorizado(a) (apoderado(a) para atención médica): quien recibe el tratamiento no puede dar su consentimiento ahora.', 'Idioma: lengua de señas americana.']);
    // Named by what right they sign, a relationship that says the same is not said twice.
    const agent = visitWith('representative', { representative: { name: 'Carla Marchetti', relationship: 'health care agent', authority: 'health-care-agent' } });
    expect(await text(agent)).toContain("I am the patient's health care agent. The patient cannot give consent now");
    // A minor's parent: the reason is the age, and the patient may sign an assent line.
    const minor = visitWith('iv', { patient: { birthDate: '2010-05-01' }, representative: { name: 'Ana Whitfield', relationship: 'mother', authority: 'parent' } });
    const { bytes } = await consent(minor);
    expectPhrases(pdfText(bytes), ["I am the patient's parent (mother). The patient is under 18, so I agree to this treatment for them.", 'Patient, if able: This treatment was explained to me, and I agree to have it.']);
    const names = (await fieldPlacements(bytes)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['consent.representative.signature', 'consent.assent.signature']));
    expect(names).not.toContain('consent.patient.signature');
  });

  it('prints the interpreter block when one is named or the document is not in the patient\'s language', async () => {
    const interpreterFields = async (v: Record<string, unknown>, lang?: 'en' | 'es') => (await fieldPlacements((await consent(v, lang)).bytes)).filter((f) => f.name.startsWith('consent.interpreter.')).length;
    // A Spanish consent for a Spanish-speaking patient needs no interpreter.
    expect(await interpreterFields(visit('spanish'))).toBe(0);
    expect(await text(visit('spanish'))).not.toContain('Interpreté');
    // The same patient's English consent, or an English speaker's Spanish one, does.
    expect(await interpreterFields(visit('spanish'), 'en')).toBeGreaterThan(0);
    expect(await text(visit('spanish'), 'en')).toContain('I interpreted this form and our talk into Spanish.');
    expect(await interpreterFields(visit('iv'), 'es')).toBeGreaterThan(0);
    expect(await text(visit('iv'), 'es')).toContain('Idioma: inglés.');
  });

  it('words the Spanish consent in Spanish, the indication too', async () => {
    const t = await text(visit('spanish-im'));
    expectPhrases(t, [
      'Consentimiento para el tratamiento con ketamina',
      'Por qué lo recibe: trastorno de estrés postraumático (TEPT).',
      'Hace efecto en pocos minutos, y el efecto dura más o menos una hora.',
      'pero no para: trastorno de estrés postraumático (TEPT).',
      'No comer durante 6 horas antes de cada sesión',
      'Quién lo indica: Priya Raman, MD.',
      'Página 1 de 4',
    ]);
    expect(t).not.toContain('Why you are having it');
  });

  it('has initials and signature fields for every signer, each where the layout drew it', async () => {
    const { bytes } = await consent(visit('representative'));
    const fields = await fieldPlacements(bytes);
    expect(fields.map((f) => `${f.type} ${f.name}`)).toEqual([
      '/Tx consent.initials.risks',
      '/Tx consent.initials.responsibilities',
      '/Sig consent.provider.signature',
      '/Tx consent.provider.date',
      '/Tx consent.provider.time',
      '/Sig consent.interpreter.signature',
      '/Tx consent.interpreter.date',
      '/Tx consent.interpreter.time',
      '/Sig consent.representative.signature',
      '/Tx consent.representative.date',
      '/Tx consent.representative.time',
      '/Tx consent.witness.name',
      '/Sig consent.witness.signature',
      '/Tx consent.witness.date',
      '/Tx consent.witness.time',
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
    const names = (await fieldPlacements((await consent(visit('spanish'), 'en')).bytes)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['consent.initials.off-label', 'consent.interpreter.id', 'consent.interpreter.name', 'consent.patient.signature']));
    expect(names).not.toContain('consent.representative.signature');
    const approved = (await fieldPlacements((await consent(visit('intranasal'))).bytes)).map((f) => f.name);
    expect(approved).not.toContain('consent.initials.off-label');
  });
});
