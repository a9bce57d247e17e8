import { wallToInstant } from './zone.js';

/**
 * Accepted forms of a time in the input contract. A space may stand for the "T", as
 * RFC 3339 allows and as spreadsheets and practice systems export a date and time; a
 * local time's hour may have one digit ("2026-11-24 9:00", a spreadsheet's h:mm), and
 * its seconds a fraction (what JavaScript's toISOString gives without its "Z"). Each
 * of these reads one way only: the hour is on the 24-hour clock.
 */
export const localTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
export const offsetTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date written with slashes or dots and the year last (3/4/1984, 24.11.2026): month-first in the US, day-first elsewhere. */
export const dayMonthOrderUnclear = /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;

/**
 * Why `text` is not a time careprint reads, in words that say how to write it; undefined
 * when it is one. The forms it refuses are those that read two ways: a date with slashes
 * is month-first in the US and day-first elsewhere, and "12:30 AM" is read as noon often
 * enough that the 24-hour clock is asked for instead.
 */
export function timeFormatProblem(text: string): string | undefined {
  if (localTimePattern.test(text) || offsetTimePattern.test(text)) return undefined;
  if (/\d\s*[ap]\.?\s?m\b\.?/i.test(text)) return 'write the time on the 24-hour clock, without AM or PM: 2026-11-24T09:00, 2026-11-24T21:00';
  if (dayMonthOrderUnclear.test(text)) return 'write the date year first, as in 2026-11-24T09:00: a date such as 11/24/2026 is month-first in some places and day-first in others';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return 'needs the time of day too, as in 2026-11-24T09:00';
  return 'expected a local time YYYY-MM-DDTHH:mm or an ISO time with an offset';
}

export type ParsedTime =
  | { readonly kind: 'ok'; readonly instantMs: number }
  | { readonly kind: 'error'; readonly message: string };

/** Times before this year are refused as mistyped: no time zone rules or visits reach back further. */
const earliestYear = 1900;

function validWall(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

/**
 * Reads `2026-11-24T09:00` as a wall time in `zone`, or `2026-11-24T15:00:00Z` /
 * `…-05:00` as an instant. Rejects impossible dates and wall times skipped by a
 * daylight-saving change; a repeated wall time means its first occurrence.
 */
export function parseTime(text: string, zone: string): ParsedTime {
  const local = localTimePattern.exec(text);
  const withOffset = local ? null : offsetTimePattern.exec(text);
  const m = local ?? withOffset;
  if (!m) return { kind: 'error', message: timeFormatProblem(text) ?? '' };
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  // The calendar arithmetic below reads a year under 100 as 19xx (JavaScript's Date.UTC).
  if (y < earliestYear) return { kind: 'error', message: `is before ${earliestYear}; check the year` };
  if (!validWall(y, mo, d, h, mi, s)) return { kind: 'error', message: 'not a real date and time' };
  if (withOffset) {
    const instantMs = Date.parse(text.replace(' ', 'T'));
    if (Number.isNaN(instantMs)) return { kind: 'error', message: 'not a real date and time' };
    return { kind: 'ok', instantMs };
  }
  const result = wallToInstant({ year: y, month: mo, day: d, hour: h, minute: mi }, zone);
  if (result.kind === 'skipped') {
    return { kind: 'error', message: `this local time does not exist in ${zone} (the clocks skip it for daylight saving)` };
  }
  const milliseconds = Number((local?.[7] ?? '').padEnd(3, '0'));
  return { kind: 'ok', instantMs: result.instantMs + s * 1000 + milliseconds };
}
