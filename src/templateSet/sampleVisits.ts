import type { Route } from '../model/vocabulary.js';

/**
 * Invented visits the linter fills every template with, so each route and each party a
 * document may name is tried: a plain visit (an escort, nobody else), a full one
 * (representative, interpreter, course, next appointment, an off-label indication, the
 * clocks changing before the treatment), one where the clocks change before the patient
 * may drive, and the longest the contract allows, for the page budgets.
 */
export interface SampleVisit {
  /** "a plain IV visit", for messages. */
  readonly about: string;
  readonly input: Record<string, unknown>;
}

/** "Today" for the samples' date checks, so the linter gives the same answer on any day. */
export const sampleNowMs = Date.UTC(2026, 9, 1);

export const sampleClinic = {
  id: 'sample-clinic',
  name: 'Sample Infusion Clinic',
  address: ['100 Sample Street, Suite 1', 'Springfield, NJ 07081'],
  phone: '(555) 010-0000',
  afterHoursPhone: '(555) 010-0001',
  timeZone: 'America/New_York',
};

const routeWords: Record<Route, string> = { iv: 'IV', im: 'IM', intranasal: 'esketamine' };

function session(route: Route, start: string, offLabel: boolean) {
  return {
    id: `S-SAMPLE-${route}`,
    start,
    route,
    indication: offLabel ? 'ptsd' : 'treatment-resistant-depression',
    provider: { name: 'Avery Sample', credentials: 'MD' },
  };
}

const patient = { mrn: 'SAMPLE-1', givenName: 'Robin', familyName: 'Example', birthDate: '1980-05-06', language: 'en', phone: '(555) 010-0002' };
const escort = { name: 'Casey Example', relationship: 'spouse', phone: '(555) 010-0003' };

export function plainVisit(route: Route): SampleVisit {
  return { about: `a plain ${routeWords[route]} visit`, input: { patient, session: session(route, '2026-11-24T10:15', false), escort } };
}

export function fullVisit(route: Route): SampleVisit {
  return {
    about: `an ${routeWords[route]} visit with a representative, an interpreter and an off-label indication`,
    input: {
      patient: { ...patient, language: 'es' },
      session: { ...session(route, '2026-11-01T06:30', true), course: { sessions: 6, weeks: 3 } },
      escort,
      representative: { name: 'Jordan Example', relationship: 'health care agent' },
      interpreter: { name: 'Sam Sample', id: 'INT-1', language: 'Spanish' },
      nextAppointment: '2026-11-04T06:30',
    },
  };
}

/** The clocks go back between leaving and driving again. */
export function drivingClockChangeVisit(route: Route): SampleVisit {
  return { about: `an ${routeWords[route]} visit the day the clocks go back`, input: { patient, session: session(route, '2026-10-31T15:00', false), escort } };
}

const long = (text: string, length: number) => text.padEnd(length, 'e');

/** The longest visit the contract allows: names at their limits, every optional party and line. */
export function longestVisit(route: Route): SampleVisit {
  return {
    about: `the longest ${routeWords[route]} visit`,
    input: {
      patient: { mrn: 'SAMPLE-1234567890123', givenName: long('Maximiliana Alexandrina Bartholomea Konstantina', 80), familyName: long('Featherstonehaugh-Vandersteen-Wolfeschlegel', 80), birthDate: '1972-12-01', language: 'es', phone: '(555) 010-7781' },
      session: { ...session(route, '2026-11-24T10:15', route !== 'intranasal'), provider: { name: 'Bartholomew Alexander Okonkwo-Fitzgerald-Montgomery', credentials: 'MD, PhD' }, course: { sessions: 8, weeks: 4 } },
      escort: { name: long('Constantine Featherstonehaugh-Vandersteen-Wolfeschlegel Montgomery', 100), relationship: 'spouse', phone: '(555) 010-1357' },
      representative: { name: long('Constantine Featherstonehaugh-Vandersteen-Wolfeschlegel Montgomery', 100), relationship: 'health care agent' },
      interpreter: { name: 'Jordan Alexander Pike-Castellanos-Montgomery', id: 'INT-0042-LONGEST', language: 'Spanish' },
      nextAppointment: '2026-12-01T10:15',
      clinic: {
        ...sampleClinic,
        name: 'Sample Infusion Clinic at the Northern Regional Medical Pavilion West Campus',
        address: [long('Building C, Third Floor, 48000 Long Boulevard of the Northern Regional Pavilion', 80), long('Attention: Ketamine Infusion Services, Suite 3100 East Wing', 76), 'Springfield Township, NJ 07081'],
      },
    },
  };
}
