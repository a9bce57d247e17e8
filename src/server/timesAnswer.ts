/**
 * The answer of POST /v1/times, as sent on the wire: one type for the route that
 * answers it and the front-desk page that reads it. Types only, so the page's bundle
 * takes nothing from the service.
 */
import type { Problem } from '../errors.js';
import type { Language } from '../model/vocabulary.js';

/** A time as the documents print it, and as a wall time in the clinic's zone. */
export interface PrintedTime {
  /** As the sheets print it: "9:30 AM on Friday, November 27" (no-break spaces inside the time). */
  readonly text: string;
  /** The clinic's wall time, `2026-11-27T09:30`. */
  readonly at: string;
}

/** The answer of POST /v1/times. */
export interface TimesAnswer {
  /** The times, or null when the visit cannot be read far enough to compute them (`problems` says why). */
  readonly times: {
    readonly lang: Language;
    readonly route: string;
    /** The dose length the documents use, and whether the visit gave it or it is the route's default. */
    readonly doseMinutes: number;
    readonly doseMinutesGiven: boolean;
    readonly defaultDoseMinutes: number;
    readonly observationMinutes: number;
    readonly dischargeGiven: boolean;
    readonly start: PrintedTime;
    readonly lastSolidFood: PrintedTime;
    readonly lastClearLiquids: PrintedTime;
    readonly discharge: PrintedTime;
    readonly noDrivingUntil: PrintedTime;
    readonly nextAppointment: PrintedTime | null;
    /** The sentences the sheets add when the clocks change within the fast or the hours without driving. */
    readonly clockChange: { readonly fasting: string | null; readonly visit: string | null; readonly driving: string | null };
  } | null;
  /** Everything that stops the visit from printing: the contract, and the hard stops of `docs`. */
  readonly problems: readonly Omit<Problem, 'value'>[];
}
