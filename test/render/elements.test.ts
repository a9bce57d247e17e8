import { describe, expect, it } from 'vitest';
import { checkElements, elementRules } from '../../src/clinical/requiredElements.js';
import { CareprintError } from '../../src/errors.js';
import { fill } from '../../src/template/fill.js';
import { loadTemplate } from '../../src/template/registry.js';
import { buildView } from '../../src/template/view.js';
import { markedElements } from '../../src/markup/elements.js';
import { parseMarkup } from '../../src/markup/parseMarkup.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { deriveFacts } from '../../src/clinical/deriveFacts.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/pdfText.js';

/**
 * Every document, in every language, for visits that switch each conditional element
 * on and off, carries every element the clinical rules require, says something in
 * each, and carries nothing the visit rules out. The elements are marked in the
 * templates; the rules live in clinical/requiredElements.ts, apart from the text.
 */
const documents = ['consent', 'side-effects', 'fasting', 'discharge'];
const fixtures = ['iv', 'im', 'intranasal', 'representative', 'spanish', 'spanish-im'];
const languages = ['en', 'es'] as const;

const cases = documents.flatMap((doc) => languages.flatMap((lang) => fixtures.map((fixture) => [doc, lang, fixture] as const)));

/** Words only: list bullets, punctuation and line breaks differ between markup and page. */
const words = (text: string) => text.replace(/-\s+/g, '-').split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
/** The first words of an element as they must appear in the PDF text. */
const opening = (text: string) => words(text).split(' ').slice(0, 8).join(' ');

describe('required elements', () => {
  it.each(cases)('%s in %s for the %s visit', async (doc, lang, fixture) => {
    const parsed = parseVisit(visit(fixture), clinic());
    const rules = elementRules(doc, parsed, lang);
    const { info, bytes } = await renderDocument(doc, visit(fixture), clinic(), { lang });
    expect(rules.required.filter((e) => !info.elements.includes(e))).toEqual([]);
    expect(rules.forbidden.filter((e) => info.elements.includes(e))).toEqual([]);

    // The marked words are on the page, not only in the markup.
    const template = loadTemplate(doc, lang);
    const stamp = { id: info.documentId, templateId: info.templateId, version: info.templateVersion, effectiveDate: info.effectiveDate };
    const marked = markedElements(parseMarkup(fill(template, buildView(parsed, deriveFacts(parsed), lang, stamp)), template.source));
    const text = words(pdfText(bytes));
    const missing = marked.filter((m) => m.text !== '' && !text.includes(opening(m.text))).map((m) => m.element);
    expect(missing).toEqual([]);
  });

  it('puts the conditional consent elements where the visit calls for them', async () => {
    const elements = async (fixture: string, lang?: 'en' | 'es') => (await renderDocument('consent', visit(fixture), clinic(), lang ? { lang } : {})).info.elements;
    const iv = await elements('iv');
    expect(iv).toEqual(expect.arrayContaining(['off-label', 'initials-off-label']));
    expect(iv).not.toEqual(expect.arrayContaining(['esketamine-rems']));
    expect(iv.filter((e) => e === 'interpreter-attestation' || e === 'signature-representative')).toEqual([]);
    const esketamine = await elements('intranasal');
    expect(esketamine).toContain('esketamine-rems');
    expect(esketamine.filter((e) => e.includes('off-label'))).toEqual([]);
    // A Spanish-speaking patient gets the interpreter attestation even on an English form.
    expect(await elements('spanish', 'en')).toContain('interpreter-attestation');
    expect(await elements('representative')).toEqual(expect.arrayContaining(['signature-representative', 'interpreter-attestation']));
  });

  it("asks every document about a dose for the route's label elements, and keeps infusion text off other routes", () => {
    const rules = (doc: string, fixture: string, patch: Record<string, unknown> = {}) => elementRules(doc, parseVisit({ ...visit(fixture), ...patch }, clinic()));
    const esketamine = ['esketamine-young-adults', 'esketamine-interactions'];
    for (const doc of ['consent', 'side-effects']) {
      const spray = rules(doc, 'intranasal');
      expect(spray.required).toEqual(expect.arrayContaining(['risk-breathing', ...esketamine]));
      expect(spray.forbidden).toContain('iv-infusion');
      const iv = rules(doc, 'iv');
      expect(iv.required).toContain('risk-breathing');
      expect(iv.forbidden).toEqual(expect.arrayContaining(esketamine));
    }
    expect(rules('consent', 'intranasal').required).toEqual(expect.arrayContaining(['esketamine-rems', 'esketamine-blood-pressure', 'esketamine-nasal-medicines']));
    expect(rules('consent', 'iv').required).toContain('iv-infusion');
    expect(rules('consent', 'im').required).toContain('im-injection');
    // What the treatment cannot do, for depression with suicidal thoughts only.
    const suicidal = { session: { ...(visit('intranasal').session as object), indication: 'depression-with-suicidal-thoughts' } };
    expect(rules('consent', 'intranasal', suicidal).required).toContain('suicide-limits');
    expect(rules('side-effects', 'intranasal', suicidal).required).toContain('suicide-limits');
    expect(rules('consent', 'intranasal').forbidden).toContain('suicide-limits');
    // A representative signs instead of the patient, saying by what right.
    const signed = rules('consent', 'representative');
    expect(signed.required).toEqual(expect.arrayContaining(['signature-representative', 'representative-authority']));
    expect(signed.forbidden).toEqual(expect.arrayContaining(['signature-patient', 'signature-assent']));
    // The interpreter attests a document in a language the patient does not read.
    const spanish = parseVisit(visit('spanish'), clinic());
    expect(elementRules('consent', spanish, 'es').forbidden).toContain('interpreter-attestation');
    expect(elementRules('consent', spanish, 'en').required).toContain('interpreter-attestation');
  });

  it('refuses a document that lacks a required element or carries a forbidden one, naming each', () => {
    const rules = { required: ['risks-common', 'right-to-refuse', 'copy'], forbidden: ['off-label'] };
    const marked = [
      { element: 'risks-common', text: 'Common side effects' },
      { element: 'copy', text: '' },
      { element: 'off-label', text: 'Off-label use' },
    ];
    let error: unknown;
    try {
      checkElements('templates/consent/en.hbs', marked, rules);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CareprintError);
    expect((error as CareprintError).problems.map((p) => `${p.code} ${p.path}: ${p.message}`)).toEqual([
      'template_incomplete templates/consent/en.hbs: the required element "right-to-refuse" is missing',
      'template_incomplete templates/consent/en.hbs: the required element "copy" prints nothing',
      'template_incomplete templates/consent/en.hbs: the element "off-label" does not belong in this document for this visit',
    ]);
  });
});
