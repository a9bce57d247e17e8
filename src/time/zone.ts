import { RecentCache } from '../util/recentCache.js';

/**
 * Time zone arithmetic on the runtime's own IANA data (ICU, through Intl). One
 * formatter per zone is made once and kept: making them is the expensive part.
 */

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
    formatterFor(zone);
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Throws RangeError for a zone the runtime does not know. */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short', era: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Wall times already computed, by zone and instant. A document asks for the same few
 * instants many times (the session start beside every other time), and a formatter
 * call costs microseconds; a WallTime is immutable, so one can be shared.
 */
const walls = new Map<string, RecentCache<number, WallTime>>();

/** The wall time of an instant (UTC ms) in `zone`. Correct on daylight-saving days. */
export function instantToWall(instantMs: number, zone: string): WallTime {
  let byInstant = walls.get(zone);
  if (!byInstant) {
    formatterFor(zone); // an unknown zone throws here, before it gets a cache
    walls.set(zone, (byInstant = new RecentCache(4096)));
  }
  return byInstant.getOrMake(instantMs, () => Object.freeze(computeWall(instantMs, zone)));
}

function computeWall(instantMs: number, zone: string): WallTime {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatterFor(zone).formatToParts(instantMs)) part[type] = value;
  const year = Number(part.year);
  const bc = part.era === 'BC' || part.era === 'B';
  return { year: bc ? 1 - year : year, month: Number(part.month), day: Number(part.day), hour: Number(part.hour), minute: Number(part.minute), weekday: weekdays[part.weekday ?? ''] ?? 0 };
}

/** A wall time's calendar date, YYYY-MM-DD. */
export function wallIsoDate(w: { readonly year: number; readonly month: number; readonly day: number }): string {
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The calendar date, YYYY-MM-DD, in `zone` at an instant: the clinic's date of a session. */
export function isoDateIn(instantMs: number, zone: string): string {
  return wallIsoDate(instantToWall(instantMs, zone));
}

/** A wall time as the visit contract writes a local time, to the minute: YYYY-MM-DDTHH:mm. */
export function wallIsoMinute(w: Omit<WallTime, 'weekday'>): string {
  return `${wallIsoDate(w)}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** The zone's offset from UTC at an instant, in minutes (east positive), to the minute. */
function offsetMinutesAt(instantMs: number, zone: string): number {
  const w = instantToWall(instantMs, zone);
  const flooredMs = Math.floor(instantMs / 60_000) * 60_000;
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - flooredMs) / 60_000);
}

export type WallToInstant =
  | { readonly kind: 'ok'; readonly instantMs: number; readonly ambiguous: boolean }
  | { readonly kind: 'skipped' };

/**
 * The instant at which `zone` shows the given wall time. A time skipped by a
 * daylight-saving change has none ('skipped'); a repeated one resolves to its first
 * occurrence. Works by trying every offset the zone uses around that day and keeping
 * the candidates that format back to the same wall time (a plain offset lookup would
 * silently move a skipped time and pick the second of a repeated one).
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

const hourMs = 3_600_000;

/**
 * The zone's offsets at the whole hours just outside `fromMs` and `toMs`: wall times that
 * every document of the day asks for, and the cache keeps. Within a few days, equal
 * offsets there mean no change between.
 */
function offsetsAtHoursAround(fromMs: number, toMs: number, zone: string): [number, number] {
  return [offsetMinutesAt(Math.floor(fromMs / hourMs) * hourMs, zone), offsetMinutesAt(Math.ceil(toMs / hourMs) * hourMs, zone)];
}

/** A change of a zone's offset from UTC (daylight saving starting or ending). */
export interface OffsetChange {
  /** The first instant (UTC ms, to the minute) with the new offset. */
  readonly atMs: number;
  /** Offsets before and after, in minutes east of UTC. */
  readonly fromMinutes: number;
  readonly toMinutes: number;
}

/**
 * The change of `zone`'s offset between two instants, or null when both have the same
 * offset. Meant for spans of a few days at most (a fast, 24 hours without driving),
 * which no zone's rules change twice within.
 */
export function offsetChangeBetween(fromMs: number, toMs: number, zone: string): OffsetChange | null {
  const minute = 60_000;
  let lo = Math.floor(Math.min(fromMs, toMs) / minute) * minute;
  let hi = Math.floor(Math.max(fromMs, toMs) / minute) * minute;
  const [before, after] = offsetsAtHoursAround(lo, hi, zone);
  if (before === after) return null;
  const fromMinutes = offsetMinutesAt(lo, zone);
  const toMinutes = offsetMinutesAt(hi, zone);
  if (fromMinutes === toMinutes) return null;
  // The offset at lo is the old one, at hi the new one: halve the span to the minute.
  while (hi - lo > minute) {
    const mid = lo + Math.floor((hi - lo) / 2 / minute) * minute;
    if (offsetMinutesAt(mid, zone) === fromMinutes) lo = mid;
    else hi = mid;
  }
  return { atMs: hi, fromMinutes, toMinutes };
}

/**
 * Which of two moments with the same wall-clock reading an instant is, when the clocks
 * go back and repeat a stretch of time ('first': before the change, 'second': after);
 * null when its wall time happens once.
 */
export function repeatedWallTime(instantMs: number, zone: string): 'first' | 'second' | null {
  // A time repeats only where the clocks go back, by at most a few hours.
  const [before, after] = offsetsAtHoursAround(instantMs - 3 * hourMs, instantMs + 3 * hourMs, zone);
  if (before <= after) return null;
  const minuteMs = Math.floor(instantMs / 60_000) * 60_000;
  const back = wallToInstant(instantToWall(minuteMs, zone), zone);
  if (back.kind !== 'ok' || !back.ambiguous) return null;
  return back.instantMs === minuteMs ? 'first' : 'second';
}
