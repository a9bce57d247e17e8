import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visitWith } from '../helpers/fixtures.js';
import { longestClinic, longestVisit, type BudgetRoute } from '../helpers/longestVisit.js';
import { pdfText } from '../helpers/pdfText.js';

/**
 * Words and forms a Spanish document must not print: calques, words that read as
 * something else, masculine forms used for every patient, and English left in from the
 * record. Each entry says why.
 */
const forbidden: readonly (readonly [RegExp, string])[] = [
  [/\bproveedor/i, '"proveedor" is a calque of "provider": say "su médico", "el personal de la clínica" or the name'],
  [/\bobligad[oa]\b/i, '"No está obligado" takes one gender: "No tiene que …"'],
  [/\b(?:irse|vaya|ir|quede|quedarse|quedar|esté|estar|está|venga|venir|maneje|regrese)\s+sol[oa]\b/i, '"solo" for the patient takes one gender: "sin compañía"'],
  [/\bsol[oa]\s+(?:en\s+taxi|a\s+casa)/i, '"solo" for the patient takes one gender: "sin compañía"'],
  [/\b(?:despiert[oa]|inscrit[oa]|segur[oa] de sí|usted mism[oa])\b/i, 'an adjective for the patient that takes one gender'],
  [/\bSoy el representante|\bSoy la representante|\bel representante legal\b/i, 'the representative\'s gender is not known'],
  [/Según mi mejor entender/i, 'a calque of "to the best of my knowledge"'],
  [/como de sueño/i, '"sueño" says both "sleepiness" and "dream": "sensación como de sueño" reads as either'],
  [/deportivas claras/i, 'a calque of "clear sports drinks": "transparentes", "sin color"'],
  [/\bMD ordena|\bordena su tratamiento/i, 'a calque of "orders your treatment"'],
  [/\bTEC\b|\bEMT\b/, 'abbreviations a patient does not know; "EMT" reads as an emergency medical technician'],
  [/\b(?:major depressive|disorder|husband|wife|spouse|health care|healthcare|proxy|legal guardian|Godmother|Spanish|English)\b/i, 'English from the record left in a Spanish document'],
  [/\b(?:the|and|your|you|with|for|Page|Signature|Patient)\b/, 'English words in a Spanish document'],
];

/** The clinic's own name and address are proper names in any language, and so are people's names. */
function withoutProperNames(text: string, visitInput: Record<string, unknown>, clinicInput: Record<string, unknown>): string {
  const names: string[] = [String(clinicInput.name), ...(clinicInput.address as string[])];
  const people = visitInput as { patient: { givenName: string; familyName: string }; escort?: { name: string }; representative?: { name: string }; interpreter?: { name: string }; session: { provider: { name: string } } };
  names.push(people.patient.givenName, people.patient.familyName, people.session.provider.name);
  for (const person of [people.escort, people.representative, people.interpreter]) if (person) names.push(person.name);
  return names.reduce((t, name) => t.replaceAll(name, ' '), text);
}

function problems(text: string): string[] {
  return forbidden.flatMap(([pattern, why]) => {
    const found = pattern.exec(text);
    return found ? [`"${found[0]}": ${why}`] : [];
  });
}

const documents = ['consent', 'side-effects', 'fasting', 'discharge'] as const;
const routes: BudgetRoute[] = ['iv', 'im', 'intranasal'];

describe('Spanish documents', () => {
  const cases = documents.flatMap((doc) => routes.map((route) => [doc, route] as const));

  it.each(cases)('%s for %s, with every party, prints none of the forbidden words', async (doc, route) => {
    const v = longestVisit(route, 'es');
    const c = longestClinic();
    const text = pdfText((await renderDocument(doc, v, c, { lang: 'es' })).bytes);
    expect(problems(withoutProperNames(text, v, c))).toEqual([]);
  });

  it.each(cases)('%s for %s, for an English speaker\'s visit printed in Spanish, prints none of them', async (doc, route) => {
    // The record in English (relationships, the interpreter's language): a common one is
    // put into Spanish, never printed as given.
    const v = visitWith(route, { escort: { name: 'Sam Whitfield', relationship: 'husband', phone: '(555) 010-7782' }, interpreter: { name: 'Jordan Pike', id: 'INT-0042', language: 'Spanish' } });
    const text = pdfText((await renderDocument(doc, v, clinic(), { lang: 'es' })).bytes);
    expect(problems(withoutProperNames(text, v, clinic()))).toEqual([]);
  });

  it('finds each kind of fault (the check can fail)', () => {
    const faults = [
      'Su proveedor le explicará.',
      'No está obligado a firmarlo.',
      'No se vaya solo en taxi.',
      'Según mi mejor entender, comprendió.',
      'Sueño, o una sensación como de sueño.',
      'Bebidas deportivas claras',
      'Priya Raman, MD ordena su tratamiento.',
      'la TEC o la EMT',
      'Por qué lo recibe: major depressive disorder',
      '(husband and legal health care proxy)',
      'Soy el representante legal del paciente.',
      'Usted se mantiene despierto.',
    ];
    for (const fault of faults) expect(problems(fault), fault).not.toEqual([]);
    expect(problems('El medicamento solo se da aquí. No irse en taxi sin compañía. Vi firmar a la persona representante.')).toEqual([]);
  });
});
