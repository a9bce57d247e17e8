import { describe, expect, it } from 'vitest';
import { CareprintError, formatProblemForUser, type Problem } from '../../src/errors.js';
import { identityKey, personNameKey } from '../../src/model/identityKey.js';
import { invisibleCharacterProblem } from '../../src/model/invisibles.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { scriptsThisEngineLacks, unshapedScriptIn } from '../../src/model/scripts.js';
import { parseTime } from '../../src/time/parseTime.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';

function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CareprintError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a CareprintError');
}
const lines = (run: () => unknown) => problemsOf(run).map(formatProblemForUser);
const parseWith = (patch: Record<string, unknown>) => () => parseVisit(visitWith('iv', patch), clinic());

describe('text in a script careprint cannot yet lay out', () => {
  it('refuses a right-to-left name, naming the field and the script, never the value in the message', () => {
    const problems = problemsOf(parseWith({ patient: { familyName: 'محمد', givenName: 'כהן' } }));
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'patient.givenName: cannot yet print Hebrew script correctly',
      'patient.familyName: cannot yet print Arabic script correctly',
    ]);
    // The value travels apart from the message, for the person who typed it.
    expect(problems.map((p) => p.value)).toEqual(['כהן', 'محمد']);
  });

  it('refuses the scripts that need shaping, in any text field, the clinic\'s too', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ escort: { name: 'देवी शर्मा' } }, 'escort.name: cannot yet print Devanagari script correctly'],
      [{ session: { indication: 'ภาวะซึมเศร้า' } }, 'session.indication: cannot yet print Thai script correctly'],
      [{ escort: { relationship: 'ລູກສາວ' } }, 'escort.relationship: cannot yet print Lao script correctly'],
      [{ session: { provider: { name: 'ܐܦܪܝܡ' } } }, 'session.provider.name: cannot yet print Syriac script correctly'],
      [{ representative: { name: 'ހަސަން', relationship: 'parent' } }, 'representative.name: cannot yet print Thaana script correctly'],
      [{ interpreter: { name: 'ߡߊߘߎ', id: 'INT-1', language: 'Spanish' } }, "interpreter.name: cannot yet print N'Ko script correctly"],
      [{ patient: { givenName: 'ᠪᠠᠲᠤ' } }, 'patient.givenName: cannot yet print Mongolian script correctly'],
      // A mark that belongs to Arabic alone, on a Latin letter, would print as Arabic.
      [{ patient: { givenName: 'Ana\u064B' } }, 'patient.givenName: cannot yet print Arabic script correctly'],
    ];
    for (const [patch, expected] of cases) expect(problemsOf(parseWith(patch)).map((p) => `${p.path}: ${p.message}`)).toEqual([expected]);
    expect(problemsOf(() => parseVisit(visit('iv'), { ...clinic(), name: 'عيادة الأمل' })).map((p) => `${p.path}: ${p.message}`)).toEqual(['clinic.name: cannot yet print Arabic script correctly']);
  });

  it('knows every script it lists: a misspelt name would let that script through', () => {
    // Only scripts newer than Unicode 15 (Node 20's first tables) may be missing.
    expect(scriptsThisEngineLacks.filter((script) => !['Garay', 'Tulu_Tigalari'].includes(script))).toEqual([]);
  });

  it('keeps the scripts it prints: Latin with any accents, Greek, Cyrillic, Vietnamese', () => {
    for (const name of ['Núñez-Peña', 'Ελένη', 'Ольга', 'Nguyễn Thị Hương', 'Łukasz Żółć', 'Çağrı']) {
      expect(unshapedScriptIn(name)).toBeUndefined();
      expect(parseVisit(visitWith('iv', { patient: { givenName: name } }), clinic()).patient.givenName).toBe(name);
    }
  });
});

describe('invisible and bidirectional control characters', () => {
  it('refuses a bidirectional override in a name, which would print the letters reversed', () => {
    expect(lines(parseWith({ patient: { familyName: '\u202Edleiftih W' } }))).toEqual([
      'patient.familyName: has a bidirectional control character (U+202E) that would change the order of the printed text; remove it, got "\\u202Edleiftih W"',
    ]);
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      const label = `U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(problemsOf(parseWith({ escort: { name: `Sam${control} Whitfield` } })).map((p) => `${p.path}: ${p.message}`)).toEqual([
        `escort.name: has a bidirectional control character (${label}) that would change the order of the printed text; remove it`,
      ]);
    }
  });

  it('refuses a zero-width space in an escort\'s name, which would slip past the patient-is-own-escort stop', () => {
    expect(problemsOf(parseWith({ escort: { name: 'Dana Whit\u200Bfield' } })).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'escort.name: has an invisible character (U+200B): the printed text would not match the record; remove it',
    ]);
    for (const invisible of ['\u2060', '\uFEFF', '\u00AD', '\u034F', '\u2061', '\uFE0F', '\u200D', '\u200C', '\u3164']) {
      expect(problemsOf(parseWith({ patient: { givenName: `Da${invisible}na` } })).map((p) => p.path)).toEqual(['patient.givenName']);
    }
  });

  it('refuses every invisible character in a record number or session id, which would name another file', () => {
    expect(lines(parseWith({ patient: { mrn: 'HL-100\u200B234' } }))).toEqual([
      'patient.mrn: has an invisible character (U+200B): an identifier must be exactly the characters it shows; remove it, got "HL-100\\u200B234"',
    ]);
    // A byte order mark is white space to JavaScript's trim: refused, not read as a space.
    expect(problemsOf(parseWith({ session: { id: 'S-2026\uFEFF-11-24-01' } })).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'session.id: has an invisible character (U+FEFF): an identifier must be exactly the characters it shows; remove it',
    ]);
    expect(problemsOf(parseWith({ interpreter: { name: 'Rosa Diaz', id: 'INT-\u00AD0042', language: 'Spanish' } })).map((p) => p.path)).toEqual(['interpreter.id']);
    expect(problemsOf(() => parseVisit(visit('iv'), { ...clinic(), id: 'harbor\u200D-light' })).map((p) => p.path)).toEqual(['clinic.id']);
  });

  it('keeps ZWJ and ZWNJ only inside a word of a script that spells with them', () => {
    // Persian writes a ZWNJ inside words; Latin does not, and an identifier never keeps one.
    expect(invisibleCharacterProblem('می\u200Cخواهم', 'text')).toBeUndefined();
    expect(invisibleCharacterProblem('क्\u200Dष', 'text')).toBeUndefined();
    expect(invisibleCharacterProblem('می\u200Cخواهم', 'identifier')).toMatch(/U\+200C/);
    expect(invisibleCharacterProblem('Auf\u200Clage', 'text')).toMatch(/U\+200C/);
    expect(invisibleCharacterProblem('\u200Cمی', 'text')).toMatch(/U\+200C/);
    expect(invisibleCharacterProblem('Dana Whitfield', 'text')).toBeUndefined();
  });

  it('keeps names in NFC, so the text copied from the page is the record\'s', () => {
    const v = parseVisit(visitWith('iv', { patient: { givenName: 'Jose\u0301', familyName: 'Nu\u0301n\u0303ez' } }), clinic());
    expect([v.patient.givenName, v.patient.familyName]).toEqual(['Jos\u00E9', 'N\u00FA\u00F1ez']);
  });
});

describe('identity keys', () => {
  it('reads values a person reads as the same as one key', () => {
    expect(identityKey('HL-100\u200B234')).toBe(identityKey('hl-100234'));
    expect(identityKey('\uFF28\uFF2C-100234')).toBe('hl-100234');
    expect(identityKey('S-2026-11-24-01')).toBe(identityKey('s-2026-11-24-01 '));
    expect(identityKey('STRASSE')).toBe(identityKey('Straße'));
    expect(identityKey('HL-100234')).not.toBe(identityKey('HL-100235'));
  });

  it('compares names without accents, case, invisible characters, compatibility forms or word order', () => {
    const patient = personNameKey('Dana Whitfield');
    for (const same of ['Dana Whit\u200Bfield', 'WHITFIELD, Dana', 'Dána Whitﬁeld', '\uFF24ana Whitfield']) expect(personNameKey(same)).toBe(patient);
    expect(personNameKey('Dana Whitfield Sr.')).not.toBe(patient);
  });
});

describe('dates and times out of range', () => {
  it('says a birth date in year 0001 is before 1900, not that it is badly written', () => {
    expect(lines(parseWith({ patient: { birthDate: '0001-01-01' } }))).toEqual(['patient.birthDate: is before 1900; check the year, got "0001-01-01"']);
    expect(lines(parseWith({ patient: { birthDate: '1894-03-04' } }))).toEqual(['patient.birthDate: is before 1900; check the year, got "1894-03-04"']);
    expect(parseVisit(visitWith('iv', { patient: { birthDate: '1984-03-04' } }), clinic()).patient.birthDate).toBe('1984-03-04');
  });

  it('says a session in year 0001 is before 2000, not that daylight saving skips it', () => {
    expect(lines(parseWith({ session: { start: '0001-01-01T09:00' } }))).toEqual(['session.start: is before 2000; check the year, got "0001-01-01T09:00"']);
    expect(lines(parseWith({ session: { start: '1999-12-31T09:00:00Z' } }))).toEqual(['session.start: is before 2000; check the year, got "1999-12-31T09:00:00Z"']);
    expect(lines(parseWith({ nextAppointment: '0001-01-01T09:00' }))).toEqual(['nextAppointment: is before 2000; check the year, got "0001-01-01T09:00"']);
    expect(parseTime('0001-01-01T09:00', 'America/New_York')).toEqual({ kind: 'error', message: 'is before 1900; check the year' });
  });
});
