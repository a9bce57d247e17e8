import { describe, expect, it } from 'vitest';
import { CareprintError, formatProblemForUser } from '../../src/errors.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';

function problemLines(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map(formatProblemForUser);
    throw error;
  }
  throw new Error('expected a CareprintError');
}

describe('parseVisit', () => {
  it('accepts the example visit and resolves its times', () => {
    const v = parseVisit(visit('iv'), clinic());
    expect(new Date(v.session.startMs).toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(v.clinic.policy).toEqual({ solidFoodHours: 6, clearLiquidsHours: 2, intranasal: { solidFoodHours: 2, clearLiquidsHours: 0.5 }, noDrivingHours: 24, monitoringMinutes: 30, imDischargeMinutes: 90, consentAge: 18 });
    expect(v.patient.language).toBe('en');
  });

  it('lists every problem with its path and the value as typed', () => {
    const bad = visitWith('iv', { patient: { birthDate: '1984-13-01', mrn: '' }, session: { route: 'oral', durationMinutes: -5 }, escort: { phone: undefined } });
    const lines = problemLines(() => parseVisit(bad, clinic()));
    expect(lines).toMatchInlineSnapshot(`
      [
        "patient.mrn: must not be empty",
        "patient.birthDate: expected YYYY-MM-DD, got "1984-13-01"",
        "session.route: expected "iv", "im" or "intranasal", got "oral"",
        "session.durationMinutes: must be more than 0, got "-5"",
        "escort.phone: required",
      ]
    `);
    expect(lines).toHaveLength(5);
  });

  it('says plainly when a group of fields is missing or is not an object', () => {
    const { session: _session, ...noSession } = visit('iv');
    expect(problemLines(() => parseVisit(noSession, clinic()))).toEqual(['session: required']);
    expect(problemLines(() => parseVisit({ ...visit('iv'), escort: 'Carla, daughter' }, clinic()))).toEqual(['escort: expected a JSON object (fields in braces), not text, got "Carla, daughter"']);
    expect(problemLines(() => parseVisit([visit('iv')], clinic()))).toEqual(['(root): expected a JSON object (fields in braces), not a list']);
    expect(problemLines(() => parseVisit(visit('iv'), { ...clinic(), address: 'One line' }))).toEqual(['clinic.address: expected a list of address lines, got "One line"']);
    const { address: _address, ...noAddress } = clinic();
    expect(problemLines(() => parseVisit(visit('iv'), { ...noAddress, policy: { monitoringMinutes: -5 } }))).toEqual(['clinic.address: required', 'clinic.policy.monitoringMinutes: must be at least 15: every patient is watched after the dose, got "-5"']);
  });

  it('refuses a birth date after the session or more than 120 years before it: a mistyped year', () => {
    const lines = (birthDate: string) => problemLines(() => parseVisit(visitWith('iv', { patient: { birthDate } }), clinic()));
    expect(lines('2030-01-01')).toEqual(['patient.birthDate: is after the session (2026-11-24); check the year, got "2030-01-01"']);
    expect(lines('1906-11-23')).toEqual(['patient.birthDate: is more than 120 years before the session; check the year, got "1906-11-23"']);
    // Reported together with the visit's other problems.
    expect(problemLines(() => parseVisit(visitWith('iv', { patient: { birthDate: '2030-01-01', mrn: '' } }), clinic()))).toHaveLength(2);
    for (const fine of ['1906-11-24', '2026-11-24', '1984-03-04']) expect(parseVisit(visitWith('iv', { patient: { birthDate: fine } }), clinic()).patient.birthDate).toBe(fine);
  });

  it('reads a birth date with a one-digit month or day, and says how to write one with slashes', () => {
    for (const short of ['1984-3-4', '1984-03-4', '1984-3-04']) expect(parseVisit(visitWith('iv', { patient: { birthDate: short } }), clinic()).patient.birthDate).toBe('1984-03-04');
    const lines = (birthDate: string) => problemLines(() => parseVisit(visitWith('iv', { patient: { birthDate } }), clinic()));
    expect(lines('3/4/1984')).toEqual(['patient.birthDate: write the date year first, as in 1984-03-04: a date such as 3/4/1984 is month-first in some places and day-first in others, got "3/4/1984"']);
    expect(lines('04.03.1984')).toEqual(['patient.birthDate: write the date year first, as in 1984-03-04: a date such as 3/4/1984 is month-first in some places and day-first in others, got "04.03.1984"']);
    expect(lines('1984-2-30')).toEqual(['patient.birthDate: expected YYYY-MM-DD, got "1984-2-30"']);
    expect(lines('1984-003-04')).toEqual(['patient.birthDate: expected YYYY-MM-DD, got "1984-003-04"']);
  });

  it('reads text on one line, and refuses a control character naming its field', () => {
    // A CSV cell that spans lines, or a name pasted with a tab: one space, as the paragraphs show it.
    const v = parseVisit(visitWith('iv', { patient: { givenName: 'María\r\n José', familyName: 'Núñez\tPeña ' } }), clinic());
    expect([v.patient.givenName, v.patient.familyName]).toEqual(['María José', 'Núñez Peña']);
    expect(problemLines(() => parseVisit(visitWith('iv', { patient: { givenName: 'Da\u0007na' } }), clinic()))).toEqual(['patient.givenName: has a control character that cannot be printed, got "Da\\u0007na"']);
  });

  it('rejects a local time skipped by daylight saving, naming the field', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { session: { start: '2026-03-08T02:30' } }), clinic()));
    expect(lines).toEqual(['session.start: this local time does not exist in America/New_York (the clocks skip it for daylight saving), got "2026-03-08T02:30"']);
  });

  it('says how to write a time that reads two ways, at its field, and reads a spreadsheet\'s 9:00', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { session: { start: '11/24/2026 9:00', dischargeAt: '2026-11-24 10:10 AM' } }), clinic()));
    expect(lines).toEqual([
      'session.start: write the date year first, as in 2026-11-24T09:00: a date such as 11/24/2026 is month-first in some places and day-first in others, got "11/24/2026 9:00"',
      'session.dischargeAt: write the time on the 24-hour clock, without AM or PM: 2026-11-24T09:00, 2026-11-24T21:00, got "2026-11-24 10:10 AM"',
    ]);
    const v = parseVisit(visitWith('iv', { session: { start: '2026-11-24 9:00', dischargeAt: '2026-11-24 10:10' } }), clinic());
    expect(new Date(v.session.startMs).toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });

  it('reads a route as clinicians write it, in any case or in full, and nothing else', () => {
    const route = (r: string) => parseVisit(visitWith('iv', { session: { route: r } }), clinic()).session.route;
    expect(['IV', ' iv ', 'Intravenous', 'IM', 'intramuscular', 'Intranasal'].map(route)).toEqual(['iv', 'iv', 'iv', 'im', 'im', 'intranasal']);
    for (const unknown of ['IN', 'oral', 'i.v.', 'nasal']) {
      expect(problemLines(() => parseVisit(visitWith('iv', { session: { route: unknown } }), clinic()))).toEqual([`session.route: expected "iv", "im" or "intranasal", got "${unknown}"`]);
    }
  });

  it('reads a language by its name, in English or Spanish, and nothing else', () => {
    const language = (l: string) => parseVisit(visitWith('iv', { patient: { language: l } }), clinic()).patient.language;
    // 'espan\u0303ol' is "español" with its tilde as a separate mark, as some systems paste it.
    expect(['Spanish', ' español ', 'ESPANOL', 'ESPAÑOL', 'espan\u0303ol', 'English', 'Inglés', 'INGLÉS', 'es-US', 'EN'].map(language)).toEqual(['es', 'es', 'es', 'es', 'es', 'en', 'en', 'en', 'es', 'en']);
    for (const unknown of ['French', 'Spanglish', 'castellano']) {
      expect(problemLines(() => parseVisit(visitWith('iv', { patient: { language: unknown } }), clinic()))).toEqual([`patient.language: expected "en" or "es", got "${unknown}"`]);
    }
  });

  it('rejects unknown fields so a typo cannot drop data silently', () => {
    const lines = problemLines(() => parseVisit({ ...visit('iv'), escrot: {} }, clinic()));
    expect(lines).toEqual(['unknown field "escrot"'.replace(/^/, '(root): ')]);
  });

  it('takes the clinic from the visit, and refuses two different clinics', () => {
    expect(parseVisit({ ...visit('iv'), clinic: clinic() }).clinic.timeZone).toBe('America/New_York');
    const lines = problemLines(() => parseVisit({ ...visit('iv'), clinic: { ...clinic(), timeZone: 'America/Denver' } }, clinic()));
    expect(lines[0]).toMatch(/^clinic: given both inside the visit and separately/);
    expect(problemLines(() => parseVisit(visit('iv')))).toEqual(['clinic: required: give the clinic separately or under the visit\'s "clinic" key']);
  });

  it('checks the clinic zone and policy', () => {
    const lines = problemLines(() => parseVisit(visit('iv'), { ...clinic(), timeZone: 'Mars/Olympus', policy: { solidFoodHours: 0 } }));
    expect(lines).toEqual(['clinic.timeZone: expected an IANA time zone such as America/New_York, got "Mars/Olympus"', 'clinic.policy.solidFoodHours: must be at least 6: the ASA fasting guideline for sedation, got "0"']);
  });

  it('validates a clinic sent with every visit once, and never lets one render change it for the next', () => {
    const first = parseVisit(visit('iv'), clinic());
    const second = parseVisit(visit('im'), clinic());
    expect(second.clinic).toBe(first.clinic);
    expect(Object.isFrozen(first.clinic.policy)).toBe(true);
    expect(() => {
      (first.clinic.policy as { noDrivingHours: number }).noDrivingHours = 1;
    }).toThrow(TypeError);
    // A changed clinic is validated afresh: its new values count, and a bad one is still refused.
    expect(parseVisit(visit('iv'), { ...clinic(), policy: { solidFoodHours: 6, clearLiquidsHours: 2, noDrivingHours: 36, monitoringMinutes: 30 } }).clinic.policy.noDrivingHours).toBe(36);
    expect(problemLines(() => parseVisit(visit('iv'), { ...clinic(), timeZone: 'Mars/Olympus' }))[0]).toMatch(/^clinic\.timeZone: /);
    expect(parseVisit(visit('iv'), clinic()).clinic.policy.noDrivingHours).toBe(24);
  });

  it('refuses a clinic policy laxer than the clinical minimum it would print, and takes a stricter one', () => {
    const lax = { solidFoodHours: 4, clearLiquidsHours: 1, intranasal: { solidFoodHours: 1, clearLiquidsHours: 0.25 }, noDrivingHours: 12, monitoringMinutes: 10, imDischargeMinutes: 45 };
    expect(problemLines(() => parseVisit(visit('iv'), { ...clinic(), policy: lax }))).toEqual([
      'clinic.policy.solidFoodHours: must be at least 6: the ASA fasting guideline for sedation, got "4"',
      'clinic.policy.clearLiquidsHours: must be at least 2: the ASA fasting guideline for sedation, got "1"',
      'clinic.policy.intranasal.solidFoodHours: must be at least 2: the esketamine label, got "1"',
      'clinic.policy.intranasal.clearLiquidsHours: must be at least 0.5: the esketamine label, got "0.25"',
      'clinic.policy.noDrivingHours: must be at least 24: ketamine slows reactions for a full day, got "12"',
      'clinic.policy.monitoringMinutes: must be at least 15: every patient is watched after the dose, got "10"',
      'clinic.policy.imDischargeMinutes: must be at least 60: the effects of an IM injection last about an hour, got "45"',
    ]);
    const strict = { solidFoodHours: 8, clearLiquidsHours: 3, intranasal: { solidFoodHours: 6, clearLiquidsHours: 2 }, noDrivingHours: 36, monitoringMinutes: 60, imDischargeMinutes: 120 };
    expect(parseVisit(visit('iv'), { ...clinic(), policy: strict }).clinic.policy).toEqual({ ...strict, consentAge: 18 });
  });

  it('refuses text longer than its field can print, naming the limit', () => {
    const long = visitWith('iv', { patient: { givenName: 'A'.repeat(81), mrn: 'HL-'.padEnd(21, '0') }, session: { indication: 'x '.repeat(101) } });
    expect(problemLines(() => parseVisit(long, clinic()))).toEqual([
      `patient.mrn: must be at most 20 characters, got "HL-${'0'.repeat(18)}"`,
      `patient.givenName: must be at most 80 characters, got "${'A'.repeat(81)}"`,
      `session.indication: must be at most 200 characters, got "${'x '.repeat(101).trim()}"`,
    ]);
    // At the limit, it is taken.
    expect(parseVisit(visitWith('iv', { patient: { givenName: 'A'.repeat(80), mrn: 'HL-'.padEnd(20, '0') } }), clinic()).patient.givenName).toHaveLength(80);
  });

  it('reads a language tag with a region, in any case, as its language', () => {
    for (const tag of ['es', 'ES', 'es-US', 'es-419', 'Es-mx']) expect(parseVisit(visitWith('iv', { patient: { language: tag } }), clinic()).patient.language, tag).toBe('es');
    expect(parseVisit(visitWith('iv', { patient: { language: 'en-US' } }), clinic()).patient.language).toBe('en');
    for (const tag of ['fr', 'esp', 'es_US']) expect(problemLines(() => parseVisit(visitWith('iv', { patient: { language: tag } }), clinic())), tag).toEqual([`patient.language: expected "en" or "es", got "${tag}"`]);
  });

  it('refuses a discharge before the start', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { session: { dischargeAt: '2026-11-24T08:00' } }), clinic()));
    expect(lines).toEqual(['session.dischargeAt: must be after session.start, got "2026-11-24T08:00"']);
  });

  it('refuses a discharge a day or more after the start: a typo that would move the no-driving time', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { session: { dischargeAt: '2026-11-26T10:10' } }), clinic()));
    expect(lines).toEqual(['session.dischargeAt: must be within 24 hours of session.start, got "2026-11-26T10:10"']);
    // A long day still is one: an 8-hour infusion started in the evening ends after midnight.
    expect(parseVisit(visitWith('iv', { session: { start: '2026-11-24T16:00', durationMinutes: 480, dischargeAt: '2026-11-25T01:00' } }), clinic()).session.dischargeAtMs).toBe(Date.parse('2026-11-25T06:00:00Z'));
  });

  it('refuses a next appointment a year or more after the session: a typo in the year', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { nextAppointment: '2072-11-26T09:00' }), clinic()));
    expect(lines).toEqual(['nextAppointment: must be within a year of session.start; check the year, got "2072-11-26T09:00"']);
    expect(parseVisit(visitWith('iv', { nextAppointment: '2027-11-24T09:00' }), clinic()).nextAppointmentMs).toBe(Date.parse('2027-11-24T14:00:00Z'));
  });

  it('refuses a session start more than a year after today: a typo in the year that every date and weekday would follow', () => {
    const today = Date.parse('2026-11-24T15:00:00Z');
    const typo = { session: { start: '2062-11-24T09:00', dischargeAt: undefined }, nextAppointment: undefined };
    expect(problemLines(() => parseVisit(visitWith('iv', typo), clinic(), { nowMs: today }))).toEqual(['session.start: is more than a year after today (2026-11-24); check the year, got "2062-11-24T09:00"']);
    // Today is the clinic's: at 23:30 in New York, it is already the next day in UTC.
    expect(problemLines(() => parseVisit(visitWith('iv', typo), clinic(), { nowMs: Date.parse('2026-11-25T04:30:00Z') }))[0]).toContain('(2026-11-24)');
    // A session booked a year ahead, and one in the past (a sheet printed again), are accepted.
    const ahead = parseVisit(visitWith('iv', { session: { start: '2027-11-24T09:00', dischargeAt: undefined }, nextAppointment: undefined }), clinic(), { nowMs: today });
    expect(ahead.session.startMs).toBe(Date.parse('2027-11-24T14:00:00Z'));
    const past = parseVisit(visitWith('iv', { session: { start: '2016-11-24T09:00', dischargeAt: undefined }, nextAppointment: undefined }), clinic(), { nowMs: today });
    expect(past.session.startMs).toBe(Date.parse('2016-11-24T14:00:00Z'));
  });

  it('keeps values out of the wire shape', () => {
    try {
      parseVisit(visitWith('iv', { patient: { birthDate: '1984-13-01' } }), clinic());
    } catch (error) {
      const json = JSON.stringify((error as CareprintError).toJSON());
      expect(json).toContain('patient.birthDate');
      expect(json).not.toContain('1984-13-01');
    }
    expect.assertions(2);
  });
});

describe('parseVisit reports time problems together with the others', () => {
  it('names a skipped local time even when another field is wrong too', () => {
    const lines = problemLines(() => parseVisit(visitWith('iv', { patient: { birthDate: '1984-13-01' }, session: { start: '2026-03-08T02:30' } }), clinic()));
    expect(lines).toEqual([
      'patient.birthDate: expected YYYY-MM-DD, got "1984-13-01"',
      'session.start: this local time does not exist in America/New_York (the clocks skip it for daylight saving), got "2026-03-08T02:30"',
    ]);
  });
});
