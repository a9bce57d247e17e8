import { syllable } from 'syllable';

/**
 * Reading level of a document's prose, as careprint's tests measure its own wording:
 * English by Flesch–Kincaid grade, Spanish by Szigriszt-Pazos perspicuity (INFLESZ).
 * Sentences end at . ! ? or at the end of a line (list items and headings).
 */

/** The highest Flesch–Kincaid grade per document; a document a set adds is held to 8. */
export const englishGradeLimits: Readonly<Record<string, number>> = { discharge: 6, fasting: 6, consent: 8, 'side-effects': 8 };
export const otherEnglishGradeLimit = 8;
/** INFLESZ 55 and up is "normal" or easier. */
export const spanishScoreFloor = 55;
/** Fewer words than this give a score too noisy to hold a document to. */
export const minimumWords = 100;

export function fleschKincaidGrade(text: string): { grade: number; words: number; sentences: number } {
  const sentences = text
    .split(/[.!?]+\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]{2,}/.test(s));
  const words = sentences.flatMap((s) => s.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []);
  const syllables = words.reduce((a, w) => a + Math.max(1, syllable(w)), 0);
  const grade = 0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
  return { grade, words: words.length, sentences: sentences.length };
}

const strong = new Set([...'aeoáéó', 'í', 'ú']);
const weak = new Set([...'iuü']);
const isVowel = (c: string) => strong.has(c) || weak.has(c);

/**
 * Syllables of a Spanish word, counted by vowel nuclei: two strong vowels (a, e, o, or
 * an accented í or ú) are a hiatus and count twice; a weak unaccented vowel (i, u)
 * beside another vowel makes a diphthong and counts once; the u of que/qui/gue/gui is
 * silent; a final y after a vowel (hoy, muy) is part of the nucleus.
 */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/([qg])u([eéií])/g, '$1$2');
  let count = 0;
  let prev = '';
  for (const c of w) {
    if (!isVowel(c)) {
      prev = '';
      continue;
    }
    const joins = prev !== '' && (weak.has(c) || weak.has(prev)) && !(c === 'ü' && prev === 'ü');
    if (!joins) count++;
    prev = c;
  }
  return Math.max(1, count);
}

/**
 * Szigriszt-Pazos perspicuity (INFLESZ scale) of Spanish prose: 206.835 − 62.3 ×
 * syllables/words − words/sentences. On the INFLESZ scale 55–65 is "normal" (read by
 * 12–15-year-olds), 65–80 "fairly easy", above 80 "very easy"; below 40 "very hard".
 */
export function inflesz(text: string): { score: number; words: number; sentences: number } {
  const sentences = text
    .split(/[.!?]+\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}{2,}/u.test(s));
  const words = sentences.flatMap((s) => s.match(/\p{L}[\p{L}'’-]*/gu) ?? []);
  const syllables = words.reduce((a, w) => a + w.split('-').reduce((b, part) => b + (part ? spanishSyllables(part) : 0), 0), 0);
  const score = 206.835 - 62.3 * (syllables / words.length) - words.length / sentences.length;
  return { score, words: words.length, sentences: sentences.length };
}
