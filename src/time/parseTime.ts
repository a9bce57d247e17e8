import { wallToInstant } from './zone.js';

/**
 * Accepted forms of a time in the input contract. A space may stand for the "T", as
 * RFC 3339 allows and as spreadsheets and practice systems export a date and time.
 */
export const localTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
export const offsetTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export type ParsedTime =
  | { readonly kind: 'ok'; readonly instantMs: number }
  | { readonly kind: 'error'; readonly message: string };

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
  if (!m) return { kind: 'error', message: 'expected a local time YYYY-MM-DDTHH:mm or an ISO time with an offset' };
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
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
  return { kind: 'ok', instantMs: result.instantMs + s * 1000 };
}
