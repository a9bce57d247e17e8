import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A wall-clock reading in some zone. Months are 1-12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

/** Is `zone` an IANA time zone this runtime knows? */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** The wall time of an instant (UTC ms) in `zone`. Correct on daylight-saving days. */
export function instantToWall(instantMs: number, zone: string): WallTime {
  const d = dayjs(instantMs).tz(zone);
  return { year: d.year(), month: d.month() + 1, day: d.date(), hour: d.hour(), minute: d.minute(), weekday: d.day() };
}

/** A wall time's calendar date, YYYY-MM-DD. */
export function wallIsoDate(w: { readonly year: number; readonly month: number; readonly day: number }): string {
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function offsetMinutesAt(instantMs: number, zone: string): number {
  return dayjs(instantMs).tz(zone).utcOffset();
}

export type WallToInstant =
  | { readonly kind: 'ok'; readonly instantMs: number; readonly ambiguous: boolean }
  | { readonly kind: 'skipped' };

/**
 * The instant at which `zone` shows the given wall time. A time skipped by a
 * daylight-saving change has none ('skipped'); a repeated one resolves to its first
 * occurrence. Works by trying every offset the zone uses around that day and keeping
 * the candidates that format back to the same wall time (dayjs alone would silently
 * move a skipped time and pick the second of a repeated one).
 */
export function wallToInstant(wall: Omit<WallTime, 'weekday'>, zone: string): WallToInstant {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const dayMs = 86_400_000;
  const offsets = new Set([asUtc - dayMs, asUtc, asUtc + dayMs].map((t) => offsetMinutesAt(t, zone)));
  const candidates = [...offsets]
    .map((offset) => asUtc - offset * 60_000)
    .filter((t) => {
      const back = instantToWall(t, zone);
      return back.year === wall.year && back.month === wall.month && back.day === wall.day && back.hour === wall.hour && back.minute === wall.minute;
    })
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return { kind: 'skipped' };
  return { kind: 'ok', instantMs: first, ambiguous: new Set(candidates).size > 1 };
}

/** Same calendar day on the wall? */
export function sameWallDay(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
