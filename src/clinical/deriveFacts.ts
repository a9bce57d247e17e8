import type { Visit } from '../model/parseVisit.js';
import type { Route } from '../model/schemas.js';

const minute = 60_000;
const hour = 60 * minute;

/** How long the dose itself takes, per route, when the visit does not say. */
export const defaultDoseMinutes: Record<Route, number> = { iv: 40, im: 15, intranasal: 0 };

/** Intranasal esketamine: a nasal steroid or decongestant needed that day goes in at least this long before the dose (its label). */
export const nasalMedicinesBeforeMinutes = 60;

/** Intranasal esketamine: observed at least this long after the dose (REMS). */
export const esketamineObservationMinutes = 120;

/**
 * The clinical times of a visit, as instants (UTC ms). Everything is elapsed time
 * added to the instant, so six hours is six real hours across a daylight-saving change.
 */
export interface ClinicalFacts {
  readonly route: Route;
  readonly startMs: number;
  readonly doseMinutes: number;
  /** Monitoring after the dose; for intranasal esketamine the observation period. */
  readonly observationMinutes: number;
  /** When the dose and its monitoring are over: the earliest a patient may leave (a given `dischargeAt` before it is refused). */
  readonly monitoringEndsMs: number;
  /**
   * When the patient is expected to leave: the end of monitoring, but for an
   * intramuscular injection no earlier than the clinic's `imDischargeMinutes` after the
   * start (90 by default): the shot works within minutes and its effects last about an
   * hour, so 15 minutes plus 30 of monitoring would send a patient home still under them.
   */
  readonly expectedDischargeMs: number;
  readonly lastSolidFoodMs: number;
  readonly lastClearLiquidsMs: number;
  /** The latest time for a nasal steroid or decongestant before esketamine (printed only for that route). */
  readonly nasalMedicinesByMs: number;
  readonly dischargeMs: number;
  /** True when discharge came from `session.dischargeAt`, not computed. */
  readonly dischargeGiven: boolean;
  readonly noDrivingUntilMs: number;
  readonly noDrivingHours: number;
  readonly solidFoodHours: number;
  readonly clearLiquidsHours: number;
  readonly nextAppointmentMs: number | undefined;
}

const floorToMinute = (ms: number) => Math.floor(ms / minute) * minute;
const ceilToMinute = (ms: number) => Math.ceil(ms / minute) * minute;

export function deriveFacts(visit: Visit): ClinicalFacts {
  const { policy } = visit.clinic;
  const { route, startMs } = visit.session;
  const doseMinutes = visit.session.durationMinutes ?? defaultDoseMinutes[route];
  const observationMinutes = route === 'intranasal' ? Math.max(esketamineObservationMinutes, policy.monitoringMinutes) : policy.monitoringMinutes;
  const monitoringEndsMs = startMs + (doseMinutes + observationMinutes) * minute;
  const fasting = route === 'intranasal' ? policy.intranasal : policy;
  const expectedDischargeMs = route === 'im' ? Math.max(monitoringEndsMs, startMs + policy.imDischargeMinutes * minute) : monitoringEndsMs;
  const dischargeMs = visit.session.dischargeAtMs ?? expectedDischargeMs;
  return {
    route,
    startMs,
    doseMinutes,
    observationMinutes,
    monitoringEndsMs,
    expectedDischargeMs,
    // Times print to the minute, so each is rounded the safe way: a cut-off down (never
    // later than the policy allows), the end of no driving up (never earlier).
    lastSolidFoodMs: floorToMinute(startMs - fasting.solidFoodHours * hour),
    lastClearLiquidsMs: floorToMinute(startMs - fasting.clearLiquidsHours * hour),
    nasalMedicinesByMs: floorToMinute(startMs - nasalMedicinesBeforeMinutes * minute),
    dischargeMs,
    dischargeGiven: visit.session.dischargeAtMs !== undefined,
    noDrivingUntilMs: ceilToMinute(dischargeMs + policy.noDrivingHours * hour),
    noDrivingHours: policy.noDrivingHours,
    solidFoodHours: fasting.solidFoodHours,
    clearLiquidsHours: fasting.clearLiquidsHours,
    nextAppointmentMs: visit.nextAppointmentMs,
  };
}
