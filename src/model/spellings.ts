import { foldAccentsAndCase } from '../util/foldText.js';

/**
 * Other spellings of a route, a language or a date, as practice systems and spreadsheets
 * export them, each read as the contract's form. Shared by the validators and the
 * front-desk page, so a value the service reads is the one the page shows. Only
 * spellings that mean one thing are here: "IN" or "nasal" are not, nor is 3/4/1984.
 */
export const routeSpellings: Readonly<Record<string, string>> = { iv: 'iv', intravenous: 'iv', im: 'im', intramuscular: 'im', intranasal: 'intranasal' };
/** Keys are folded: "Español", "ESPANOL" and "español" as macOS may paste it are all "espanol". */
export const languageSpellings: Readonly<Record<string, string>> = { english: 'en', ingles: 'en', spanish: 'es', espanol: 'es' };

/** The code `value` is a spelling of (any case, with or without accents, spaces around ignored), or `value` unchanged. */
export function readSpelling(spellings: Readonly<Record<string, string>>, value: unknown): unknown {
  return typeof value === 'string' ? (spellings[foldAccentsAndCase(value.trim())] ?? value) : value;
}

/** A date written year first, its month and day with one digit or two: 1984-03-04, 1984-3-4. */
export const yearFirstDate = /^\d{4}-\d{1,2}-\d{1,2}$/;

/** A year-first date with its one-digit month or day written out in full: 1984-3-4 is 1984-03-04. */
export function fullDate(text: string): string {
  return text.replace(/-(\d)(?=-|$)/g, '-0$1');
}
