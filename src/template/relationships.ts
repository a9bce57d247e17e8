import type { Language } from '../model/schemas.js';
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

const toSpanish = new Map<string, string>();
const toEnglish = new Map<string, string>();
for (const [en, es] of pairs) {
  toSpanish.set(key(en), es);
  if (!toEnglish.has(key(es))) toEnglish.set(key(es), en);
}
for (const [es, en] of extraSpanish) toEnglish.set(key(es), en);

/**
 * A relationship as the document's language says it: a common one given in the other
 * language is put into this one; anything else is printed as the record gave it.
 */
export function relationshipIn(lang: Language, relationship: string): string {
  const k = key(relationship);
  if (lang === 'es') return toEnglish.has(k) ? relationship : (toSpanish.get(k) ?? relationship);
  return toSpanish.has(k) ? relationship : (toEnglish.get(k) ?? relationship);
}

/**
 * The relationship a patient sheet prints, or null: in a Spanish document, free text
 * careprint cannot word in Spanish is left out rather than printed in another language
 * ("(husband and legal health care proxy)" on a Spanish sheet); an English document
 * prints it as given.
 */
export function knownRelationshipIn(lang: Language, relationship: string): string | null {
  const k = key(relationship);
  if (lang === 'es' && !toEnglish.has(k) && !toSpanish.has(k)) return null;
  return relationshipIn(lang, relationship);
}
