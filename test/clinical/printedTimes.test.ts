import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/pdfText.js';

/**
 * The printed times checked against an oracle that shares no code with careprint: the
 * instant of a wall time is found by trying every quarter hour of offset with
 * Intl.DateTimeFormat, and the expected words are built from Intl's own parts. Visits
 * are drawn with a fixed seed over zones with daylight saving, half-hour and
 * 45-minute offsets, and a half-hour daylight-saving shift (Lord Howe).
 */
const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const hour = 3_600_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function wallParts(ms: number, zone: string): Record<string, string> {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'long' });
    formats.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** The first instant showing this wall time in the zone, or null when the clocks skip it. */
function oracleInstant(y: number, mo: number, d: number, h: number, mi: number, zone: string): number | null {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  for (let offset = -16 * 60; offset <= 16 * 60; offset += 15) {
    const ms = asUtc + offset * 60_000;
    const p = wallParts(ms, zone);
    if (Number(p.year) === y && Number(p.month) === mo && Number(p.day) === d && Number(p.hour) === h && Number(p.minute) === mi) return ms;
  }
  return null;
}

/** How a patient reads the time: the clock, and the date when it is another day than the session's. */
function oracleWords(ms: number, zone: string, sessionMs: number): string {
  const p = wallParts(ms, zone);
  const s = wallParts(sessionMs, zone);
  if (p.hour === '00' && p.minute === '00') {
    const before = wallParts(ms - 60_000, zone);
    return `12:00 midnight at the end of ${before.weekday}, ${months[Number(before.month) - 1]} ${Number(before.day)}`;
  }
  const h = Number(p.hour);
  const clock = h === 12 && p.minute === '00' ? '12:00 noon' : `${h % 12 || 12}:${p.minute} ${h < 12 ? 'AM' : 'PM'}`;
  const sameDay = p.year === s.year && p.month === s.month && p.day === s.day;
  return sameDay ? clock : `${clock} on ${p.weekday}, ${months[Number(p.month) - 1]} ${Number(p.day)}`;
}

let seed = 20261124;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const routes = ['iv', 'im', 'intranasal'] as const;
/** Minutes from the start to the expected discharge, with the default dose and monitoring (IM: the clinic's 90 minutes). */
const untilDischarge = { iv: 40 + 30, im: 90, intranasal: 120 };
const fasting = { iv: [6, 2], im: [6, 2], intranasal: [2, 0.5] };

describe('printed times against an independent oracle', () => {
  it('prints the fasting cut-offs and the end of no driving that Intl computes, for the changes of clock and 150 random visits', async () => {
    // Starts the clocks skip (New York, Lord Howe's half hour, Chatham at 2:45) or show twice (New York, London).
    const changes: [string, number, number, number, number, number][] = [
      ['America/New_York', 2026, 3, 8, 2, 30],
      ['Australia/Lord_Howe', 2026, 10, 4, 2, 15],
      ['Pacific/Chatham', 2026, 9, 27, 3, 0],
      ['America/New_York', 2026, 11, 1, 1, 30],
      ['Europe/London', 2026, 10, 25, 1, 15],
      ['America/New_York', 2026, 3, 8, 7, 0],
      ['America/Los_Angeles', 2026, 11, 1, 7, 30],
    ];
    // Sessions in 2025 and 2026: one more than a year after today is refused as a typo.
    const drawn = Array.from({ length: 150 }, () => [pick(zones), 2025 + Math.floor(random() * 2), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24), pick([0, 15, 30, 45])] as [string, number, number, number, number, number]);
    let skipped = 0;
    for (const [zone, y, mo, d, h, mi] of [...changes, ...drawn]) {
      const route = pick(routes);
      const start = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
      const base = visit('iv') as { session: Record<string, unknown> };
      const v = { ...base, session: { ...base.session, start, route, indication: 'treatment-resistant-depression' }, nextAppointment: undefined };
      const where = { ...clinic(), timeZone: zone };
      const startMs = oracleInstant(y, mo, d, h, mi, zone);
      if (startMs === null) {
        // A wall time the clocks skip is refused, never moved.
        await expect(renderDocument('fasting', v, where)).rejects.toMatchObject({ problems: [expect.objectContaining({ path: 'session.start', message: expect.stringContaining('does not exist') })] });
        skipped++;
        continue;
      }
      const [solid, liquids] = fasting[route];
      const fastingText = pdfText((await renderDocument('fasting', v, where)).bytes).replace(/\u00a0/g, ' ');
      expect(fastingText, `${zone} ${start} ${route}`).toContain(`Last solid food: ${oracleWords(startMs - (solid as number) * hour, zone, startMs)}`);
      expect(fastingText, `${zone} ${start} ${route}`).toContain(`Last clear liquids: ${oracleWords(startMs - (liquids as number) * hour, zone, startMs)}`);
      const dischargeText = pdfText((await renderDocument('discharge', v, where)).bytes).replace(/\u00a0/g, ' ');
      const noDriving = startMs + untilDischarge[route] * 60_000 + 24 * hour;
      expect(dischargeText, `${zone} ${start} ${route}`).toContain(`No driving until ${oracleWords(noDriving, zone, startMs)}`);
    }
    expect(skipped).toBe(3);
  });
});
