import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/clinical/deriveFacts.js';
import { ageOn } from '../../src/clinical/hardStops.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { momentText as momentWithNoBreakSpaces } from '../../src/template/formatTime.js';
import { clinicIn, visitWith } from '../helpers/fixtures.js';

/** A moment's texts with plain spaces: these tests are about the times, one below about the spaces. */
function momentText(...args: Parameters<typeof momentWithNoBreakSpaces>) {
  const m = momentWithNoBreakSpaces(...args);
  const plain = (s: string) => s.replace(/\u00a0/g, ' ');
  return { ...m, time: plain(m.time), date: plain(m.date), when: plain(m.when), full: plain(m.full) };
}

/** The four clinical times as the English sheet prints them (time, with the date when on another day). */
function printed(zone: string, session: Record<string, unknown>) {
  const visit = parseVisit(visitWith('iv', { session, nextAppointment: undefined }), clinicIn(zone));
  const f = deriveFacts(visit);
  const say = (ms: number) => momentText(ms, f.startMs, zone, 'en').when;
  return { lastSolidFood: say(f.lastSolidFoodMs), lastClearLiquids: say(f.lastClearLiquidsMs), discharge: say(f.dischargeMs), noDrivingUntil: say(f.noDrivingUntilMs) };
}

describe('clinical times in the clinic zone', () => {
  it.each([
    {
      about: 'a 5:00 AM session puts the solid-food cut-off on the evening before',
      zone: 'America/New_York',
      session: { start: '2026-11-24T05:00' },
      expected: { lastSolidFood: '11:00 PM on Monday, November 23', lastClearLiquids: '3:00 AM', discharge: '6:10 AM', noDrivingUntil: '6:10 AM on Wednesday, November 25' },
    },
    {
      about: 'spring forward: six real hours before 7:00 AM EDT is midnight EST, not 1:00 AM',
      zone: 'America/New_York',
      session: { start: '2026-03-08T07:00' },
      expected: { lastSolidFood: '12:00 midnight at the end of Saturday, March 7', lastClearLiquids: '5:00 AM', discharge: '8:10 AM', noDrivingUntil: '8:10 AM on Monday, March 9' },
    },
    {
      about: 'fall back: six real hours before 6:00 AM EST is the first 1:00 AM (EDT)',
      zone: 'America/New_York',
      session: { start: '2026-11-01T06:00' },
      expected: { lastSolidFood: '1:00 AM', lastClearLiquids: '4:00 AM', discharge: '7:10 AM', noDrivingUntil: '7:10 AM on Monday, November 2' },
    },
    {
      about: 'Chicago spring forward: the cut-off is 1:00 AM CST, never the skipped 2:00 AM',
      zone: 'America/Chicago',
      session: { start: '2026-03-08T08:00' },
      expected: { lastSolidFood: '1:00 AM', lastClearLiquids: '6:00 AM', discharge: '9:10 AM', noDrivingUntil: '9:10 AM on Monday, March 9' },
    },
    {
      about: 'Los Angeles: 24 real hours across spring forward end at 11:10 AM PDT',
      zone: 'America/Los_Angeles',
      session: { start: '2026-03-07T09:00' },
      expected: { lastSolidFood: '3:00 AM', lastClearLiquids: '7:00 AM', discharge: '10:10 AM', noDrivingUntil: '11:10 AM on Sunday, March 8' },
    },
    {
      about: 'Los Angeles: 24 real hours across fall back end at 9:10 AM PST',
      zone: 'America/Los_Angeles',
      session: { start: '2026-10-31T09:00' },
      expected: { lastSolidFood: '3:00 AM', lastClearLiquids: '7:00 AM', discharge: '10:10 AM', noDrivingUntil: '9:10 AM on Sunday, November 1' },
    },
    {
      about: 'Phoenix keeps no daylight saving: the same dates move nothing',
      zone: 'America/Phoenix',
      session: { start: '2026-03-08T07:00' },
      expected: { lastSolidFood: '1:00 AM', lastClearLiquids: '5:00 AM', discharge: '8:10 AM', noDrivingUntil: '8:10 AM on Monday, March 9' },
    },
    {
      about: 'Phoenix: a 1:00 AM session crosses midnight for both cut-offs',
      zone: 'America/Phoenix',
      session: { start: '2026-11-01T01:00' },
      expected: { lastSolidFood: '7:00 PM on Saturday, October 31', lastClearLiquids: '11:00 PM on Saturday, October 31', discharge: '2:10 AM', noDrivingUntil: '2:10 AM on Monday, November 2' },
    },
    {
      about: 'a late session ends after midnight: discharge carries its date',
      zone: 'America/New_York',
      session: { start: '2026-11-24T23:30', durationMinutes: 60 },
      expected: { lastSolidFood: '5:30 PM', lastClearLiquids: '9:30 PM', discharge: '1:00 AM on Wednesday, November 25', noDrivingUntil: '1:00 AM on Thursday, November 26' },
    },
    {
      about: 'intramuscular: expected to leave 90 minutes after the start (effects last about an hour), not after 15 minutes and 30 of monitoring',
      zone: 'America/New_York',
      session: { start: '2026-11-24T13:30', route: 'im' },
      expected: { lastSolidFood: '7:30 AM', lastClearLiquids: '11:30 AM', discharge: '3:00 PM', noDrivingUntil: '3:00 PM on Wednesday, November 25' },
    },
    {
      about: 'intramuscular at 9:00 AM leaves at 10:30 AM',
      zone: 'America/New_York',
      session: { start: '2026-11-24T09:00', route: 'im' },
      expected: { lastSolidFood: '3:00 AM', lastClearLiquids: '7:00 AM', discharge: '10:30 AM', noDrivingUntil: '10:30 AM on Wednesday, November 25' },
    },
    {
      about: 'intranasal esketamine: its own fasting (2 h food, 30 min liquids) and two hours of observation',
      zone: 'America/New_York',
      session: { start: '2026-11-24T15:00', route: 'intranasal' },
      expected: { lastSolidFood: '1:00 PM', lastClearLiquids: '2:30 PM', discharge: '5:00 PM', noDrivingUntil: '5:00 PM on Wednesday, November 25' },
    },
    {
      about: 'a given discharge time wins over the computed one',
      zone: 'America/New_York',
      session: { start: '2026-11-24T09:00', dischargeAt: '2026-11-24T11:25' },
      expected: { lastSolidFood: '3:00 AM', lastClearLiquids: '7:00 AM', discharge: '11:25 AM', noDrivingUntil: '11:25 AM on Wednesday, November 25' },
    },
    {
      about: 'a start given as UTC is printed in the clinic zone',
      zone: 'America/Chicago',
      session: { start: '2026-11-24T15:00:00Z' },
      expected: { lastSolidFood: '3:00 AM', lastClearLiquids: '7:00 AM', discharge: '10:10 AM', noDrivingUntil: '10:10 AM on Wednesday, November 25' },
    },
  ])('$about', ({ zone, session, expected }) => {
    expect(printed(zone, session)).toEqual(expected);
  });

  it('uses the clinic policy numbers', () => {
    const clinic = { ...clinicIn('America/New_York'), policy: { solidFoodHours: 8, clearLiquidsHours: 3, noDrivingHours: 36, monitoringMinutes: 45 } };
    const f = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T09:00' } }), clinic));
    const say = (ms: number) => momentText(ms, f.startMs, 'America/New_York', 'en').full;
    expect(say(f.lastSolidFoodMs)).toBe('1:00 AM on Tuesday, November 24');
    expect(say(f.lastClearLiquidsMs)).toBe('6:00 AM on Tuesday, November 24');
    expect(say(f.dischargeMs)).toBe('10:25 AM on Tuesday, November 24');
    expect(say(f.noDrivingUntilMs)).toBe('10:25 PM on Wednesday, November 25');
  });

  it('takes the IM discharge from the clinic policy, never under 60 minutes, and never before monitoring ends', () => {
    const im = (policy: Record<string, unknown>, session: Record<string, unknown> = {}) =>
      deriveFacts(parseVisit(visitWith('im', { session: { start: '2026-11-24T09:00', ...session }, nextAppointment: undefined }), { ...clinicIn('America/New_York'), policy }));
    const say = (ms: number) => momentText(ms, Date.parse('2026-11-24T14:00:00Z'), 'America/New_York', 'en').when;
    expect(say(im({ imDischargeMinutes: 120 }).dischargeMs)).toBe('11:00 AM');
    expect(say(im({ imDischargeMinutes: 60 }).dischargeMs)).toBe('10:00 AM');
    // A long monitoring policy wins over a short IM discharge time.
    expect(say(im({ imDischargeMinutes: 60, monitoringMinutes: 90 }).dischargeMs)).toBe('10:45 AM');
    // A given discharge time is printed as given; the hard stop (dose and monitoring) still guards it.
    const given = im({}, { dischargeAt: '2026-11-24T09:50' });
    expect(say(given.dischargeMs)).toBe('9:50 AM');
    expect(say(given.expectedDischargeMs)).toBe('10:30 AM');
    // Other routes are untouched by the IM policy.
    const iv = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T09:00' }, nextAppointment: undefined }), { ...clinicIn('America/New_York'), policy: { imDischargeMinutes: 200 } }));
    expect(say(iv.dischargeMs)).toBe('10:10 AM');
    expect(() => parseVisit(visitWith('im', {}), { ...clinicIn('America/New_York'), policy: { imDischargeMinutes: 45 } })).toThrow(/at least 60/);
  });

  it('rounds a time with seconds the safe way: cut-offs down, the end of no driving up', () => {
    // A start sent with seconds, and a policy in odd hours, leave seconds on the clinical times.
    const clinic = { ...clinicIn('America/New_York'), policy: { solidFoodHours: 6.01, clearLiquidsHours: 2, noDrivingHours: 24 } };
    const f = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T14:00:30Z', dischargeAt: '2026-11-24T15:10:30Z' } }), clinic));
    const say = (ms: number) => momentText(ms, f.startMs, 'America/New_York', 'en').full;
    // 9:00:30 less 6.01 hours is 2:59:54: printed 2:59, not 3:00.
    expect(say(f.lastSolidFoodMs)).toBe('2:59 AM on Tuesday, November 24');
    // 9:00:30 less 2 hours is 7:00:30: printed 7:00.
    expect(say(f.lastClearLiquidsMs)).toBe('7:00 AM on Tuesday, November 24');
    // 10:10:30 plus 24 hours: printed 10:11, not 10:10, half a minute too soon.
    expect(say(f.noDrivingUntilMs)).toBe('10:11 AM on Wednesday, November 25');
  });

  it('names midnight by the day it ends and noon as noon, in both languages', () => {
    const zone = 'America/New_York';
    const f = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T06:00' } }), clinicIn(zone)));
    const midnight = f.startMs - 6 * 3600_000;
    // Dated even though the session is on the day that midnight begins.
    expect(momentText(midnight, f.startMs, zone, 'en')).toMatchObject({ time: '12:00 midnight', when: '12:00 midnight at the end of Monday, November 23', date: 'Monday, November 23' });
    expect(momentText(midnight, f.startMs, zone, 'es').full).toBe('lunes 23 de noviembre, 12:00 de la medianoche (al terminar el día)');
    expect(momentText(f.startMs + 6 * 3600_000, f.startMs, zone, 'en').when).toBe('12:00 noon');
    expect(momentText(f.startMs + 30 * 3600_000, f.startMs, zone, 'es').full).toBe('miércoles 25 de noviembre, 12:00 del mediodía');
    // A minute either side is an ordinary clock time.
    expect(momentText(midnight + 60_000, f.startMs, zone, 'en').when).toBe('12:01 AM');
    expect(momentText(midnight - 60_000, f.startMs, zone, 'en').when).toBe('11:59 PM on Monday, November 23');
  });

  it('joins the words of a time with no-break spaces, so a line never ends inside one', () => {
    const f = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T15:00' } }), clinicIn('America/New_York')));
    expect(momentWithNoBreakSpaces(f.startMs, f.startMs, 'America/New_York', 'en').full).toBe('3:00\u00a0PM on Tuesday, November 24');
    expect(momentWithNoBreakSpaces(f.startMs, f.startMs, 'America/New_York', 'es').full).toBe('martes 24 de noviembre, 3:00\u00a0p.\u00a0m.');
  });

  it('prints Spanish times and dates naturally', () => {
    const f = deriveFacts(parseVisit(visitWith('iv', { session: { start: '2026-11-24T09:00' } }), clinicIn('America/New_York')));
    expect(momentText(f.noDrivingUntilMs, f.startMs, 'America/New_York', 'es').full).toBe('miércoles 25 de noviembre, 10:10 a. m.');
    expect(momentText(f.startMs + 5 * 3600_000, f.startMs, 'America/New_York', 'es').when).toBe('2:00 p. m.');
  });
});

describe('ageOn', () => {
  it('counts whole years, with a 29 February birthday on 1 March in other years', () => {
    expect(ageOn('1984-03-04', '2026-11-24')).toBe(42);
    expect(ageOn('2008-11-24', '2026-11-24')).toBe(18);
    expect(ageOn('2008-11-25', '2026-11-24')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
});
