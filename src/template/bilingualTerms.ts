import type { Language, PerLanguageText } from '../model/schemas.js';
import { foldAccentsAndCase } from '../util/foldText.js';
import { freeTextIn, freeTextVersions } from './freeText.js';

/** Lower case, accents and surrounding space removed: "Cónyuge " and "conyuge" are one key. */
function key(text: string): string {
  return foldAccentsAndCase(text.trim()).replace(/\s+/g, ' ');
}

/** A term in the document's language, or null when it would print in another one. */
export type TermsIn = (lang: Language, value: PerLanguageText) => string | null;

/**
 * Words careprint knows in both languages (`pairs` of English and Spanish, and other
 * Spanish spellings), as the document's language says them: a known one, given in
 * either language, in this one; else the text given for this language, a plain string
 * being read as English. Null when the document would have to print it in another
 * language.
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
