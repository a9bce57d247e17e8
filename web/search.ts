/**
 * Finding a patient in the day's schedule as front-desk staff type: part of a name
 * ("whit", "dana w", "pena" for Peña), part of a record number ("HL-1002", "hl1002",
 * "1002") or a birth date ("3/4/1984", "1984-03-04", "3/4"). A filter shows more rather
 * than fewer: a birth date with slashes matches both its month-first and its day-first
 * reading, and staff check the second identifier beside the name.
 */

import { fullDate, yearFirstDate } from '../src/model/spellings.js';
import { foldAccentsAndCase } from '../src/util/foldText.js';

/** What a schedule row is searched by. */
export interface SearchKeys {
  /** Given and family name, folded (no accents, lower case). */
  readonly name: string;
  /** The record number with only its letters and digits, upper case. */
  readonly mrn: string;
  /** YYYY-MM-DD, or '' when the row has none that reads as a date. */
  readonly birthDate: string;
}

export function searchKeys(givenName: unknown, familyName: unknown, mrn: unknown, birthDate: unknown): SearchKeys {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const birth = text(birthDate).trim();
  return {
    name: foldAccentsAndCase(`${text(givenName)} ${text(familyName)}`),
    mrn: alphanumeric(text(mrn)),
    birthDate: yearFirstDate.test(birth) ? fullDate(birth) : '',
  };
}

function alphanumeric(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The dates a typed date may mean, as YYYY-MM-DD, or as `-MM-DD` when it has no year;
 * null when the text is not a date.
 */
export function dateReadings(query: string): string[] | null {
  const q = query.trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(q);
  if (yearFirst) return valid([[Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])]]);
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?$/.exec(q);
  if (!yearLast) return null;
  const a = Number(yearLast[1]);
  const b = Number(yearLast[2]);
  const year = yearLast[3] === undefined ? 0 : Number(yearLast[3]);
  // Month first (as in the US), then day first (as most of the world writes it).
  return valid([
    [year, a, b],
    [year, b, a],
  ]);
}

function valid(dates: readonly (readonly [number, number, number])[]): string[] {
  const out = new Set<string>();
  for (const [y, m, d] of dates) {
    if (m < 1 || m > 12 || d < 1 || d > 31) continue;
    out.add(`${y === 0 ? '' : String(y)}-${pad(m)}-${pad(d)}`);
  }
  return [...out];
}

/** Whether a row answers the query; an empty query matches every row. */
export function matchesQuery(keys: SearchKeys, query: string): boolean {
  const q = query.trim();
  if (q === '') return true;
  const dates = dateReadings(q);
  if (dates !== null) return keys.birthDate !== '' && dates.some((date) => (date.startsWith('-') ? keys.birthDate.endsWith(date) : keys.birthDate === date));
  if (/\d/.test(q)) {
    const typed = alphanumeric(q);
    return typed !== '' && keys.mrn.includes(typed);
  }
  // Every word typed is part of the name: "dana whit", "whitfield, dana".
  const words = foldAccentsAndCase(q).split(/[\s,]+/).filter((w) => w !== '');
  return words.every((word) => keys.name.includes(word));
}
