import type { Language, PerLanguageText } from '../model/schemas.js';
import { freeTextIn, freeTextVersions } from './freeText.js';
import { foldAccentsAndCase } from '../util/foldText.js';

/**
 * Common relationships to the patient in both languages, so that a Spanish sheet does
 * not print "(spouse)" because the record (or a FHIR code, see `fhir/bundleToVisit.ts`)
 * gave it in English, nor an English one "(esposo)". Where Spanish has no word that fits
 * either sex, it gives both endings, as forms do: "amigo(a)".
 */
const pairs: readonly (readonly [en: string, es: string])[] = [
  ['spouse', 'cónyuge'],
  ['husband', 'esposo'],
  ['wife', 'esposa'],
  ['partner', 'pareja'],
  ['domestic partner', 'pareja'],
  ['friend', 'amigo(a)'],
  ['parent', 'padre o madre'],
  ['mother', 'madre'],
  ['father', 'padre'],
  ['child', 'hijo(a)'],
  ['son', 'hijo'],
  ['daughter', 'hija'],
  ['sibling', 'hermano(a)'],
  ['brother', 'hermano'],
  ['sister', 'hermana'],
  ['family member', 'familiar'],
  ['relative', 'familiar'],
  ['neighbor', 'vecino(a)'],
  ['neighbour', 'vecino(a)'],
  ['caregiver', 'cuidador(a)'],
  ['grandparent', 'abuelo(a)'],
  ['grandmother', 'abuela'],
  ['grandfather', 'abuelo'],
  ['grandchild', 'nieto(a)'],
  ['grandson', 'nieto'],
  ['granddaughter', 'nieta'],
  ['aunt', 'tía'],
  ['uncle', 'tío'],
  ['niece', 'sobrina'],
  ['nephew', 'sobrino'],
  ['cousin', 'primo(a)'],
  ['boyfriend', 'novio'],
  ['girlfriend', 'novia'],
  ['stepmother', 'madrastra'],
  ['stepfather', 'padrastro'],
  ['mother-in-law', 'suegra'],
  ['father-in-law', 'suegro'],
  ['son-in-law', 'yerno'],
  ['daughter-in-law', 'nuera'],
  ['brother-in-law', 'cuñado'],
  ['sister-in-law', 'cuñada'],
  ['roommate', 'compañero(a) de casa'],
  ['coworker', 'compañero(a) de trabajo'],
  ['legal guardian', 'tutor legal'],
  ['guardian', 'tutor legal'],
  ['legal representative', 'representante legal'],
  ['health care agent', 'apoderado(a) para atención médica'],
  ['healthcare agent', 'apoderado(a) para atención médica'],
  ['health care proxy', 'apoderado(a) para atención médica'],
  ['healthcare proxy', 'apoderado(a) para atención médica'],
  ['power of attorney', 'apoderado(a)'],
  ['healthcare power of attorney', 'apoderado(a) para atención médica'],
  ['durable power of attorney', 'apoderado(a) con poder duradero'],
  ['special power of attorney', 'apoderado(a) con poder especial'],
];

/** Spanish words typed without their accents, or with both endings spelt out, still match. */
const extraSpanish: readonly (readonly [es: string, en: string])[] = [
  ['esposo(a)', 'spouse'],
  ['amigo', 'friend'],
  ['amiga', 'friend'],
  ['mamá', 'mother'],
  ['papá', 'father'],
  ['vecino', 'neighbor'],
  ['vecina', 'neighbor'],
  ['cuidador', 'caregiver'],
  ['cuidadora', 'caregiver'],
  ['primo', 'cousin'],
  ['prima', 'cousin'],
  ['tutor', 'legal guardian'],
  ['tutora', 'legal guardian'],
  ['apoderado', 'power of attorney'],
  ['apoderada', 'power of attorney'],
];

/** Lower case, accents and surrounding space removed: "Cónyuge " and "conyuge" are one key. */
function key(text: string): string {
  return foldAccentsAndCase(text.trim()).replace(/\s+/g, ' ');
}

/** Words careprint knows in both languages: `pairs` of English and Spanish, and other Spanish spellings. */
export type TermsIn = (lang: Language, value: PerLanguageText) => string | null;

/**
 * A term as the document's language says it: a known one, given in either language,
 * in this one; else the text given for this language, a plain string being read as
 * English. Null when the document would have to print it in another language.
 */
export function bilingualTerms(pairs: readonly (readonly [en: string, es: string])[], extraSpanish: readonly (readonly [es: string, en: string])[] = []): TermsIn {
  const toSpanish = new Map<string, string>();
  const toEnglish = new Map<string, string>();
  for (const [en, es] of pairs) {
    toSpanish.set(key(en), es);
    if (!toEnglish.has(key(es))) toEnglish.set(key(es), en);
  }
  for (const [es, en] of extraSpanish) toEnglish.set(key(es), en);
  const knownIn = (lang: Language, term: string): string | null => {
    const k = key(term);
    if (lang === 'es') return toEnglish.has(k) ? term : (toSpanish.get(k) ?? null);
    return toSpanish.has(k) ? term : (toEnglish.get(k) ?? null);
  };
  return (lang, value) => {
    if (typeof value === 'string') return knownIn(lang, value) ?? freeTextIn(lang, value);
    const given = freeTextIn(lang, value);
    if (given !== null) return given;
    for (const version of freeTextVersions(value)) {
      const known = knownIn(lang, version);
      if (known !== null) return known;
    }
    return null;
  };
}

/**
 * A relationship as the document's language says it (see `bilingualTerms`): a Spanish
 * sheet says "(cónyuge)" for "spouse", and refuses "(Godmother)" unless the visit gives
 * it in Spanish too.
 */
export const relationshipIn: TermsIn = bilingualTerms(pairs, extraSpanish);
