import { CareprintError, type Problem } from '../errors.js';
import { patientFullName, type Visit } from '../model/parseVisit.js';
import type { Route } from '../model/schemas.js';
import { instantToWall, wallIsoMinute, isoDateIn } from '../time/zone.js';
import { deriveFacts, type ClinicalFacts } from './deriveFacts.js';
import { personNameKey } from '../model/identityKey.js';
import { authorityMismatch } from './representative.js';

const doseWords: Record<Exclude<Route, 'intranasal'>, string> = { iv: 'IV infusion', im: 'IM injection' };

/**
 * Visits a document (or a packet of documents) must refuse, whatever the template
 * says. Each stop names the field and the clinical reason, once.
 */
export function checkHardStops(documents: string | readonly string[], visit: Visit): void {
  const docs = typeof documents === 'string' ? [documents] : documents;
  const facts = deriveFacts(visit);
  const problems: Problem[] = [
    ...(docs.includes('discharge') && !visit.escort ? [{ code: 'clinical_hard_stop' as const, path: 'escort', message: 'required — a patient must not leave alone after ketamine' }] : []),
    ...patientNamedAgain(visit),
    ...(docs.includes('consent') ? [...underConsentAge(visit), ...authorityMismatch(visit)] : []),
    ...earlyDischarge(visit, facts),
    ...nextAppointmentTooSoon(visit, facts),
  ];
  if (problems.length > 0) throw new CareprintError(problems);
}

const wallTime = (ms: number, visit: Visit) => wallIsoMinute(instantToWall(ms, visit.clinic.timeZone));

/**
 * The patient named again as their own escort or representative is a form filled in
 * wrong: the sheet would say an adult takes them home when nobody does.
 */
function patientNamedAgain(visit: Visit): Problem[] {
  const patient = personNameKey(patientFullName(visit.patient));
  const hint = (who: string) => `if the ${who} shares the name, add what tells them apart (Sr., Jr.)`;
  const problems: Problem[] = [];
  if (visit.escort && personNameKey(visit.escort.name) === patient) {
    problems.push({ code: 'clinical_hard_stop', path: 'escort.name', message: "is the patient's own name; the escort is another adult, who takes the patient home", hint: hint('escort') });
  }
  if (visit.representative && personNameKey(visit.representative.name) === patient) {
    problems.push({ code: 'clinical_hard_stop', path: 'representative.name', message: "is the patient's own name; the representative is another person, who signs for the patient", hint: hint('representative') });
  }
  return problems;
}

/** A patient under the clinic's consent age cannot sign alone: a parent or guardian signs. */
function underConsentAge(visit: Visit): Problem[] {
  if (visit.representative) return [];
  const age = ageOn(visit.patient.birthDate, isoDateIn(visit.session.startMs, visit.clinic.timeZone));
  const { consentAge } = visit.clinic.policy;
  if (age >= consentAge) return [];
  return [
    {
      code: 'clinical_hard_stop',
      path: 'representative',
      message: `required — the patient is ${age} on the session date, under the clinic's consent age of ${consentAge}: a parent or legal guardian signs the consent`,
    },
  ];
}

/** "Your next appointment: 9:30 AM today" on a sheet handed out at 10:10. */
function nextAppointmentTooSoon(visit: Visit, { dischargeMs, nextAppointmentMs }: ClinicalFacts): Problem[] {
  if (nextAppointmentMs === undefined || nextAppointmentMs >= dischargeMs) return [];
  return [{ code: 'input_invalid', path: 'nextAppointment', message: `is before this visit ends, at ${wallTime(dischargeMs, visit)}` }];
}

/**
 * A given discharge time before the dose and its monitoring are over would release the
 * patient unobserved, and would start the no-driving hours too early.
 */
function earlyDischarge(visit: Visit, { doseMinutes, observationMinutes, monitoringEndsMs }: ClinicalFacts): Problem[] {
  const { route, dischargeAtMs } = visit.session;
  if (dischargeAtMs === undefined || dischargeAtMs >= monitoringEndsMs) return [];
  const until = wallTime(monitoringEndsMs, visit);
  const message =
    route === 'intranasal'
      ? `intranasal esketamine needs at least ${observationMinutes / 60} hours of observation after the dose before discharge, until ${until}`
      : `before monitoring ends: a ${doseMinutes}-minute ${doseWords[route]} and ${observationMinutes} minutes of monitoring end at ${until}`;
  return [{ code: 'clinical_hard_stop', path: 'session.dischargeAt', message }];
}

/**
 * Whole years from `birthDate` to `date` (both YYYY-MM-DD). Someone born on 29 February
 * has their birthday on 1 March in a year without one.
 */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
