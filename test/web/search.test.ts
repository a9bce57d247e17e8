import { describe, expect, it } from 'vitest';
import { plainProblem } from '../../web/plainProblems.js';
import { dateReadings, matchesQuery, searchKeys } from '../../web/search.js';

const dana = searchKeys('Dana', 'Whitfield', 'HL-100234', '1984-03-04');
const lucia = searchKeys('Lucía', 'Peña', 'HL-200184', '1986-1-5');

describe('finding a schedule row as staff type', () => {
  it.each([
    ['whit', true],
    ['WHIT', true],
    ['dana whit', true],
    ['Whitfield, Dana', true],
    ['dana smith', false],
    ['HL-1002', true],
    ['hl 100234', true],
    ['100234', true],
    ['HL-2001', false],
    ['3/4/1984', true],
    ['4/3/1984', true],
    ['03.04.1984', true],
    ['1984-03-04', true],
    ['1984-3-4', true],
    ['3/4', true],
    ['3/5/1984', false],
    ['', true],
  ])('Dana Whitfield, HL-100234, born 1984-03-04, for %j: %s', (typed, found) => {
    expect(matchesQuery(dana, typed)).toBe(found);
  });

  it('ignores accents and reads a short birth date in full', () => {
    expect(matchesQuery(lucia, 'lucia pena')).toBe(true);
    expect(matchesQuery(lucia, 'PEÑA')).toBe(true);
    expect(matchesQuery(lucia, '1/5/1986')).toBe(true);
  });

  it('finds no birth date in a row whose date does not read as one', () => {
    expect(matchesQuery(searchKeys('Olu', 'Adebayo', 'HL-200163', 'March 4'), '3/4/1984')).toBe(false);
  });

  it('reads a date with slashes both ways, and only real months and days', () => {
    expect(dateReadings('3/4/1984')).toEqual(['1984-03-04', '1984-04-03']);
    expect(dateReadings('13/4/1984')).toEqual(['1984-04-13']);
    expect(dateReadings('4/4/1984')).toEqual(['1984-04-04']);
    expect(dateReadings('HL-1002')).toBeNull();
  });
});

describe('problems in the form\'s words', () => {
  const labels: Record<string, string> = { nextAppointment: 'Next appointment', 'session.dischargeAt': 'Left the clinic at', 'patient.givenName': 'Given name', escort: 'Escort home' };
  const label = (path: string) => labels[path];

  it('names the field as the form labels it, and the field a message refers to', () => {
    expect(plainProblem({ code: 'input_invalid', path: 'visit.nextAppointment', message: 'must be after session.start' }, label)).toBe('Next appointment must be after the session starts');
    expect(plainProblem({ code: 'input_invalid', path: 'session.dischargeAt', message: 'must be within 24 hours of session.start' }, label)).toBe('Left the clinic at must be within 24 hours of the session start');
    expect(plainProblem({ code: 'input_invalid', path: 'patient.givenName', message: 'required' }, label)).toBe('Given name is required.');
    expect(plainProblem({ code: 'clinical_hard_stop', path: 'escort', message: 'required — a patient must not leave alone after ketamine' }, label)).toBe('Escort home is required — a patient must not leave alone after ketamine');
  });

  it('keeps the hint, and words a path the form has no box for', () => {
    expect(plainProblem({ code: 'input_invalid', path: 'session.course.weeks', message: 'expected a whole number', hint: 'weeks of the series' }, label)).toBe('Session course weeks: expected a whole number (weeks of the series)');
    expect(plainProblem({ code: 'error', path: '', message: 'the service answered 503' }, label)).toBe('The service answered 503');
  });
});
