import { bilingualTerms, type TermsIn } from './bilingualTerms.js';

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

/**
 * A relationship as the document's language says it (see `bilingualTerms`): a Spanish
 * sheet says "(cónyuge)" for "spouse", and refuses "(Godmother)" unless the visit gives
 * it in Spanish too.
 */
export const relationshipIn: TermsIn = bilingualTerms(pairs, extraSpanish);
