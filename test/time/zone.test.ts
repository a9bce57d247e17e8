import { describe, expect, it } from 'vitest';
import { instantToWall, offsetChangeBetween, repeatedWallTime, wallToInstant } from '../../src/time/zone.js';
import { parseTime } from '../../src/time/parseTime.js';

const wall = (s: string) => {
  const [d, t] = s.split('T') as [string, string];
  const [year, month, day] = d.split('-').map(Number) as [number, number, number];
  const [hour, minute] = t.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
};

describe('wallToInstant', () => {
  it.each([
    ['America/New_York', '2026-11-24T09:00', '2026-11-24T14:00:00.000Z'],
    ['America/Chicago', '2026-07-01T00:30', '2026-07-01T05:30:00.000Z'],
    ['America/Los_Angeles', '2026-12-31T23:59', '2027-01-01T07:59:00.000Z'],
    ['America/Phoenix', '2026-03-08T02:30', '2026-03-08T09:30:00.000Z'],
    ['America/Phoenix', '2026-11-01T01:30', '2026-11-01T08:30:00.000Z'],
    ['Europe/Madrid', '2026-03-29T01:59', '2026-03-29T00:59:00.000Z'],
  ])('%s %s is %s', (zone, local, expected) => {
    const result = wallToInstant(wall(local), zone);
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(new Date(result.instantMs).toISOString()).toBe(expected);
  });

  it.each([
    ['America/New_York', '2026-03-08T02:30'],
    ['America/Chicago', '2026-03-08T02:00'],
    ['America/Los_Angeles', '2026-03-08T02:59'],
    ['Europe/Madrid', '2026-03-29T02:15'],
  ])('%s %s is skipped by daylight saving', (zone, local) => {
    expect(wallToInstant(wall(local), zone)).toEqual({ kind: 'skipped' });
  });

  it.each([
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    ['America/Chicago', '2026-11-01T01:00', '2026-11-01T06:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-01T01:59', '2026-11-01T08:59:00.000Z'],
  ])('%s %s is repeated and means its first occurrence (%s, daylight time)', (zone, local, expected) => {
    const result = wallToInstant(wall(local), zone);
    expect(result).toEqual({ kind: 'ok', instantMs: Date.parse(expected), ambiguous: true });
  });
});

describe('instantToWall', () => {
  it('reads both sides of the autumn change in New York', () => {
    expect(instantToWall(Date.parse('2026-11-01T05:59:00Z'), 'America/New_York')).toMatchObject({ hour: 1, minute: 59 });
    expect(instantToWall(Date.parse('2026-11-01T06:00:00Z'), 'America/New_York')).toMatchObject({ hour: 1, minute: 0 });
    expect(instantToWall(Date.parse('2026-11-01T07:00:00Z'), 'America/New_York')).toMatchObject({ hour: 2, minute: 0, weekday: 0 });
  });
});

describe('parseTime', () => {
  it('takes ISO times with an offset as instants, whatever the zone', () => {
    expect(parseTime('2026-11-24T15:00:00Z', 'America/Phoenix')).toEqual({ kind: 'ok', instantMs: Date.parse('2026-11-24T15:00:00Z') });
    expect(parseTime('2026-11-24T10:00-05:00', 'America/Los_Angeles')).toEqual({ kind: 'ok', instantMs: Date.parse('2026-11-24T15:00:00Z') });
  });

  it('takes a space for the T, as spreadsheets export a date and time', () => {
    expect(parseTime('2026-11-24 09:00', 'America/New_York')).toEqual(parseTime('2026-11-24T09:00', 'America/New_York'));
    expect(parseTime('2026-11-24 15:00:00Z', 'America/Phoenix')).toEqual({ kind: 'ok', instantMs: Date.parse('2026-11-24T15:00:00Z') });
    expect(parseTime('2026-03-08 02:30', 'America/New_York').kind).toBe('error');
  });

  it("takes a one-digit hour (a spreadsheet's h:mm) and a fraction of a second in a local time", () => {
    const nine = parseTime('2026-11-24T09:00', 'America/New_York');
    expect(parseTime('2026-11-24 9:00', 'America/New_York')).toEqual(nine);
    expect(parseTime('2026-11-24T9:00', 'America/New_York')).toEqual(nine);
    expect(parseTime('2026-11-24T09:00:00.000', 'America/New_York')).toEqual(nine);
    expect(parseTime('2026-11-24T09:00:30.5', 'America/New_York')).toEqual({ kind: 'ok', instantMs: Date.parse('2026-11-24T14:00:30.500Z') });
    expect(parseTime('2026-11-24 21:05', 'America/New_York')).toEqual({ kind: 'ok', instantMs: Date.parse('2026-11-25T02:05:00Z') });
  });

  it.each(['2026-02-30T09:00', '2026-11-24T24:00', '2026-11-24T9:5', '2026-11-24T123:00', '2026-11-24  09:00', '2026-11-24t09:00', '11/24/2026 9:00 AM', '24/11/2026 9am', ''])('rejects %j', (text) => {
    expect(parseTime(text, 'America/New_York').kind).toBe('error');
  });

  it.each([
    ['2026-11-24 9:00 PM', 'write the time on the 24-hour clock, without AM or PM: 2026-11-24T09:00, 2026-11-24T21:00'],
    ['2026-11-24 9:00am', 'write the time on the 24-hour clock, without AM or PM: 2026-11-24T09:00, 2026-11-24T21:00'],
    ['2026-11-24 12:30 a.m.', 'write the time on the 24-hour clock, without AM or PM: 2026-11-24T09:00, 2026-11-24T21:00'],
    ['11/24/2026 09:00', 'write the date year first, as in 2026-11-24T09:00: a date such as 11/24/2026 is month-first in some places and day-first in others'],
    ['24.11.2026 09:00', 'write the date year first, as in 2026-11-24T09:00: a date such as 11/24/2026 is month-first in some places and day-first in others'],
    ['2026-11-24', 'needs the time of day too, as in 2026-11-24T09:00'],
    ['tomorrow 9', 'expected a local time YYYY-MM-DDTHH:mm or an ISO time with an offset'],
  ])('says how to write %j', (text, message) => {
    expect(parseTime(text, 'America/New_York')).toEqual({ kind: 'error', message });
  });
});

describe('offsetChangeBetween', () => {
  it('finds the minute the clocks change, and the offsets either side', () => {
    // New York, 2026: back at 2:00 AM EDT on November 1 (06:00 UTC), forward at 2:00 AM EST on March 8 (07:00 UTC).
    expect(offsetChangeBetween(Date.UTC(2026, 9, 31, 20, 10), Date.UTC(2026, 10, 1, 20, 10), 'America/New_York')).toEqual({ atMs: Date.UTC(2026, 10, 1, 6), fromMinutes: -240, toMinutes: -300 });
    expect(offsetChangeBetween(Date.UTC(2026, 2, 7, 20), Date.UTC(2026, 2, 8, 20), 'America/New_York')).toEqual({ atMs: Date.UTC(2026, 2, 8, 7), fromMinutes: -300, toMinutes: -240 });
    // Chatham changes at 3:45 AM local, by an hour, from +13:45 to +12:45.
    expect(offsetChangeBetween(Date.UTC(2026, 3, 4, 10), Date.UTC(2026, 3, 5, 10), 'Pacific/Chatham')).toEqual({ atMs: Date.UTC(2026, 3, 4, 14), fromMinutes: 825, toMinutes: 765 });
    // Given the other way round, the same change.
    expect(offsetChangeBetween(Date.UTC(2026, 10, 1, 20, 10), Date.UTC(2026, 9, 31, 20, 10), 'America/New_York')?.atMs).toBe(Date.UTC(2026, 10, 1, 6));
  });

  it('finds none on an ordinary day, in a zone without daylight saving, or once the change is past', () => {
    expect(offsetChangeBetween(Date.UTC(2026, 10, 23, 14), Date.UTC(2026, 10, 24, 14), 'America/New_York')).toBeNull();
    expect(offsetChangeBetween(Date.UTC(2026, 2, 7, 20), Date.UTC(2026, 2, 8, 20), 'America/Phoenix')).toBeNull();
    // From the first minute of the new offset on, nothing changes any more.
    expect(offsetChangeBetween(Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 10, 2, 6), 'America/New_York')).toBeNull();
  });
});

describe('repeatedWallTime', () => {
  it('tells the two 1:30 AMs of the night the clocks go back apart, and nothing else', () => {
    const zone = 'America/New_York';
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 5, 0), zone)).toBe('first'); // 1:00 AM EDT
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 5, 59), zone)).toBe('first'); // 1:59 AM EDT
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 6, 0), zone)).toBe('second'); // 1:00 AM EST
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 6, 59), zone)).toBe('second'); // 1:59 AM EST
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 4, 59), zone)).toBeNull(); // 12:59 AM
    expect(repeatedWallTime(Date.UTC(2026, 10, 1, 7, 0), zone)).toBeNull(); // 2:00 AM EST
    // Going forward repeats nothing.
    expect(repeatedWallTime(Date.UTC(2026, 2, 8, 6, 30), zone)).toBeNull();
  });
});
