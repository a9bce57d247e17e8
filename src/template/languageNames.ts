import { bilingualTerms, type TermsIn } from './bilingualTerms.js';

/** Languages an interpreter commonly works in, named in English and in Spanish. */
const pairs: readonly (readonly [en: string, es: string])[] = [
  ['English', 'inglés'],
  ['Spanish', 'español'],
  ['American Sign Language', 'lengua de señas americana'],
  ['ASL', 'lengua de señas americana'],
  ['Portuguese', 'portugués'],
  ['French', 'francés'],
  ['Haitian Creole', 'criollo haitiano'],
  ['Chinese', 'chino'],
  ['Mandarin', 'mandarín'],
  ['Cantonese', 'cantonés'],
  ['Vietnamese', 'vietnamita'],
  ['Korean', 'coreano'],
  ['Tagalog', 'tagalo'],
  ['Arabic', 'árabe'],
  ['Russian', 'ruso'],
  ['Polish', 'polaco'],
  ['Italian', 'italiano'],
  ['German', 'alemán'],
];

/** The interpreter's language as the document's language names it (see `bilingualTerms`). */
export const languageNameIn: TermsIn = bilingualTerms(pairs, [['castellano', 'Spanish']]);
