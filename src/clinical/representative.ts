import type { Problem } from '../errors.js';
import type { Visit } from '../model/parseVisit.js';
import type { RepresentativeAuthority } from '../model/schemas.js';
import { isoDateIn } from '../time/zone.js';
import { ageOn } from './hardStops.js';

/** Why the representative signs the consent, as the consent states it. */
export interface RepresentativeFacts {
  /** The patient is under the clinic's consent age on the session date. */
  readonly minor: boolean;
  readonly consentAge: number;
  /** As the visit gives it; undefined when it does not. */
  readonly authority: RepresentativeAuthority | undefined;
}

export function representativeFacts(visit: Visit): RepresentativeFacts | null {
  if (!visit.representative) return null;
  const age = ageOn(visit.patient.birthDate, isoDateIn(visit.session.startMs, visit.clinic.timeZone));
  const { consentAge } = visit.clinic.policy;
  return { minor: age < consentAge, consentAge, authority: visit.representative.authority };
}

/**
 * Authorities that do not fit the patient's age: a parent signs for a minor only; an
 * agent or a surrogate speaks for an adult who cannot consent, not for a minor.
 */
export function authorityMismatch(visit: Visit): Problem[] {
  const facts = representativeFacts(visit);
  if (!facts || facts.authority === undefined) return [];
  if (facts.authority === 'parent' && !facts.minor) {
    return [{ code: 'clinical_hard_stop', path: 'representative.authority', message: `a parent signs for a patient under the clinic's consent age of ${facts.consentAge}; for an adult who cannot consent, the representative is a guardian, health-care-agent or surrogate` }];
  }
  if ((facts.authority === 'health-care-agent' || facts.authority === 'surrogate') && facts.minor) {
    return [{ code: 'clinical_hard_stop', path: 'representative.authority', message: `the patient is under the clinic's consent age of ${facts.consentAge}: a parent or guardian signs` }];
  }
  return [];
}
