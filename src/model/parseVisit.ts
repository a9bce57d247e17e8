import { CareprintError, type Problem } from '../errors.js';
import { parseTime } from '../time/parseTime.js';
import { isoDateIn } from '../time/zone.js';
import { clinicSchema, visitSchema, type Clinic, type VisitInput } from './schemas.js';
import { problemsFromZod } from './issues.js';
import { RecentCache } from '../util/recentCache.js';

type SessionInput = VisitInput['session'];

/** The oldest a patient can plausibly be; an older birth date is almost always a mistyped year (1894 for 1984). */
const maxAgeYears = 120;
/**
 * No session time is earlier: a clinic reprints old sheets, but not from the last
 * century. Year 0001 is what an empty date becomes in some exports.
 */
const earliestSessionYear = 2000;
/** The latest a given discharge may be after the start: a visit ends the day it starts. */
const maxVisitMs = 24 * 60 * 60_000;
/**
 * 366 days: a session more than this after today, or a next appointment more than this
 * after the session, is a typo in the year, not a plan.
 */
const yearMs = 366 * 24 * 60 * 60_000;

export interface ParseVisitOptions {
  /**
   * The instant "today" is taken from, to catch a session start typed in a year far
   * ahead (2062 for 2026); default: the clock. A session in the past is accepted: a
   * sheet may be printed again after the visit.
   */
  readonly nowMs?: number;
}

/** Why a birth date cannot be right for a session on `sessionDate` (both YYYY-MM-DD), or null. */
function implausibleBirthDate(birthDate: string, sessionDate: string): string | null {
  if (birthDate > sessionDate) return `is after the session (${sessionDate}); check the year`;
  const oldest = `${String(Number(sessionDate.slice(0, 4)) - maxAgeYears).padStart(4, '0')}${sessionDate.slice(4)}`;
  if (birthDate < oldest) return `is more than ${maxAgeYears} years before the session; check the year`;
  return null;
}

/** A validated visit with every time resolved to an instant (UTC ms). */
export interface Visit {
  readonly clinic: Clinic;
  /** `language` is careprint's ("en", "es") or one the clinic's template set adds ("vi"). */
  readonly patient: Omit<VisitInput['patient'], 'language'> & { readonly language: string };
  readonly session: Omit<SessionInput, 'start' | 'dischargeAt'> & {
    readonly startMs: number;
    readonly dischargeAtMs: number | undefined;
  };
  readonly escort: VisitInput['escort'];
  readonly representative: VisitInput['representative'];
  readonly interpreter: VisitInput['interpreter'];
  readonly nextAppointmentMs: number | undefined;
}

/** The patient's name as printed everywhere: given name, then family name. */
export function patientFullName(patient: { readonly givenName: string; readonly familyName: string }): string {
  return `${patient.givenName} ${patient.familyName}`;
}

/** Validates a clinic, collecting every problem. */
export function parseClinic(input: unknown, prefix = 'clinic'): Clinic {
  const result = clinicSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new CareprintError(problemsFromZod(result.error.issues, prefix));
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Clinics validated lately, by their JSON text. A batch or the service sends the same
 * clinic with every visit; validating it costs about two thirds as much as the visit's
 * own fields. Only valid clinics are kept, frozen, so a render cannot change one
 * another render shares.
 */
const validClinics = new RecentCache<string, Clinic>(4);

function jsonKey(input: unknown): string | undefined {
  try {
    return JSON.stringify(input);
  } catch {
    // Not JSON (a cycle, a bigint): validated every time, and rejected by the schema if bad.
    return undefined;
  }
}

function parseClinicOnce(input: unknown): Clinic {
  const key = jsonKey(input);
  if (key === undefined) return parseClinic(input);
  return validClinics.getOrMake(key, () => deepFreeze(parseClinic(input)));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a visit against the contract and resolves its times in the clinic's
 * zone. The clinic comes from `clinicInput` or from the visit's own `clinic` key;
 * both given and different is an error, so a sheet is never printed in the wrong zone.
 * Every problem is reported at once.
 */
export function parseVisit(visitInput: unknown, clinicInput?: unknown, options: ParseVisitOptions = {}): Visit {
  const result = visitSchema.safeParse(visitInput, { reportInput: true });
  const problems: Problem[] = result.success ? [] : problemsFromZod(result.error.issues);
  const embedded = result.success ? result.data.clinic : (visitInput as { clinic?: unknown } | null)?.clinic;

  let clinic: Clinic | undefined;
  if (clinicInput !== undefined && embedded !== undefined && !sameJson(clinicInput, embedded)) {
    problems.push({ code: 'input_invalid', path: 'clinic', message: 'given both inside the visit and separately, and they differ; give one' });
  } else if (clinicInput === undefined && embedded === undefined) {
    problems.push({ code: 'input_invalid', path: 'clinic', message: 'required: give the clinic separately or under the visit\'s "clinic" key' });
  } else {
    try {
      clinic = parseClinicOnce(clinicInput ?? embedded);
    } catch (error) {
      if (!(error instanceof CareprintError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (!clinic) throw new CareprintError(problems);

  // Times are resolved even when other fields failed, so every problem is reported at once.
  const raw = (result.success ? result.data : visitInput) as { session?: { start?: unknown; dischargeAt?: unknown }; nextAppointment?: unknown } | null;
  const zone = clinic.timeZone;
  const reported = new Set(problems.map((p) => p.path));
  const resolve = (value: unknown, path: string): number | undefined => {
    if (typeof value !== 'string' || reported.has(path)) return undefined;
    if (Number(/^\d{4}/.exec(value)?.[0] ?? earliestSessionYear) < earliestSessionYear) {
      problems.push({ code: 'input_invalid', path, message: `is before ${earliestSessionYear}; check the year`, value });
      return undefined;
    }
    const parsed = parseTime(value, zone);
    if (parsed.kind === 'error') {
      problems.push({ code: 'input_invalid', path, message: parsed.message, value });
      return undefined;
    }
    return parsed.instantMs;
  };
  const startMs = resolve(raw?.session?.start, 'session.start');
  const nowMs = options.nowMs ?? Date.now();
  if (startMs !== undefined && startMs > nowMs + yearMs) {
    // The weekday and every time on the sheet would follow the wrong year.
    problems.push({ code: 'input_invalid', path: 'session.start', message: `is more than a year after today (${isoDateIn(nowMs, zone)}); check the year`, value: String(raw?.session?.start) });
  }
  const dischargeAtMs = resolve(raw?.session?.dischargeAt, 'session.dischargeAt');
  const nextAppointmentMs = resolve(raw?.nextAppointment, 'nextAppointment');
  if (startMs !== undefined && dischargeAtMs !== undefined && dischargeAtMs <= startMs) {
    problems.push({ code: 'input_invalid', path: 'session.dischargeAt', message: 'must be after session.start', value: String(raw?.session?.dischargeAt) });
  } else if (startMs !== undefined && dischargeAtMs !== undefined && dischargeAtMs > startMs + maxVisitMs) {
    // A visit (at most an 8-hour dose and 4 hours of monitoring) ends the day it starts:
    // a discharge a day or more later is a typo, and would move the no-driving time with it.
    problems.push({ code: 'input_invalid', path: 'session.dischargeAt', message: 'must be within 24 hours of session.start', value: String(raw?.session?.dischargeAt) });
  }
  if (startMs !== undefined && nextAppointmentMs !== undefined && nextAppointmentMs <= startMs) {
    problems.push({ code: 'input_invalid', path: 'nextAppointment', message: 'must be after session.start', value: String(raw?.nextAppointment) });
  } else if (startMs !== undefined && nextAppointmentMs !== undefined && nextAppointmentMs > startMs + yearMs) {
    // Even a maintenance course comes back within months: a year or more ahead is a typo
    // in the year ("2072"), and the sheet would send the patient to the wrong date.
    problems.push({ code: 'input_invalid', path: 'nextAppointment', message: 'must be within a year of session.start; check the year', value: String(raw?.nextAppointment) });
  }
  // Checked with the other problems, once the date itself is a real one.
  const birthDate = (visitInput as { patient?: { birthDate?: unknown } } | null)?.patient?.birthDate;
  if (typeof birthDate === 'string' && !reported.has('patient.birthDate') && startMs !== undefined) {
    const birthProblem = implausibleBirthDate(birthDate, isoDateIn(startMs, zone));
    if (birthProblem) problems.push({ code: 'input_invalid', path: 'patient.birthDate', message: birthProblem, value: birthDate });
  }
  if (!result.success || problems.length > 0 || startMs === undefined) throw new CareprintError(problems);

  const visit = result.data;
  const { start: _start, dischargeAt: _dischargeAt, ...session } = visit.session;
  return {
    clinic,
    patient: visit.patient,
    session: { ...session, startMs, dischargeAtMs },
    escort: visit.escort,
    representative: visit.representative,
    interpreter: visit.interpreter,
    nextAppointmentMs,
  };
}
