/**
 * The times box: the clinical times the papers will print, as the service words them
 * (POST /v1/times, the same code the documents use), shown before any paper is made,
 * with whatever stops the papers beside them. Nothing here computes a time.
 */

import type { TimesAnswer } from '../src/server/timesAnswer.js';
import type { Problem } from './plainProblems.js';

export type { TimesAnswer };

/** What the box shows: the service's answer, or the problems of an answer that was refused. */
export interface TimesShown {
  readonly times: TimesAnswer['times'];
  readonly problems: readonly Problem[];
}

/** A route as the front desk names it. */
export const routeWords: Readonly<Record<string, string>> = { iv: 'IV infusion', im: 'IM injection', intranasal: 'Nasal spray' };

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/** Minutes as staff enter them: "240 minutes", never "4 hours", so the box and the line agree. */
function minutes(n: number): string {
  return `${n} minute${n === 1 ? '' : 's'}`;
}

/** An observation period: esketamine's two hours read as hours. */
function period(n: number): string {
  return n % 60 === 0 && n >= 120 ? `${n / 60} hours` : minutes(n);
}

/** "240 minutes (entered; the IV infusion default is 40 minutes)". */
export function doseWords(times: NonNullable<TimesAnswer['times']>): string {
  const route = routeWords[times.route] ?? times.route;
  const observation = `${period(times.observationMinutes)} of ${times.route === 'intranasal' ? 'observation' : 'monitoring'}`;
  if (times.route === 'intranasal') return `${route}: ${observation} after the dose.`;
  const length = times.doseMinutesGiven
    ? `${minutes(times.doseMinutes)} as entered (the ${route} default is ${minutes(times.defaultDoseMinutes)})`
    : `${minutes(times.doseMinutes)}, the ${route} default`;
  return `${route}: ${length}, then ${observation}.`;
}

/**
 * Shows an answer. `plain` words a problem as the form names its field. A visit the
 * service cannot read yet shows what is missing instead of times.
 */
export function showTimes(answer: TimesShown, plain: (problem: Problem) => string): void {
  const list = byId('times-list');
  const problems = byId('times-problems');
  const status = byId('times-status');
  const items = answer.problems.map((problem) => {
    const li = document.createElement('li');
    li.textContent = plain(problem);
    return li;
  });
  problems.replaceChildren(...items);
  const { times } = answer;
  if (times === null) {
    list.hidden = true;
    byId('times-dose').textContent = '';
    status.textContent = 'The times appear once these are fixed:';
    status.lang = 'en';
    // The list of what to fix follows the sentence that introduces it.
    status.after(problems);
    return;
  }
  list.before(problems);
  list.hidden = false;
  byId('times-dose').textContent = doseWords(times);
  for (const id of ['time-lastSolidFood', 'time-lastClearLiquids', 'time-discharge', 'time-noDrivingUntil']) byId(id).lang = times.lang;
  byId('time-lastSolidFood').textContent = times.lastSolidFood.text;
  byId('time-lastClearLiquids').textContent = times.lastClearLiquids.text;
  byId('time-discharge-label').textContent = times.dischargeGiven ? 'Left the clinic' : 'Expected discharge';
  byId('time-discharge').textContent = times.discharge.text;
  byId('time-noDrivingUntil').textContent = times.noDrivingUntil.text;
  status.textContent = [times.clockChange.fasting, times.clockChange.driving].filter((s) => s !== null).join(' ');
  status.lang = times.lang;
  byId('duration-note').textContent =
    times.route === 'intranasal' ? 'A nasal spray has no dose length: leave it empty.' : times.doseMinutesGiven ? `The ${routeWords[times.route]} default is ${times.defaultDoseMinutes} minutes.` : `Empty: the ${routeWords[times.route]} default, ${times.defaultDoseMinutes} minutes.`;
}

/** Before the start and the route are known, there is nothing to compute. */
export function showTimesWaiting(text: string): void {
  byId('times-list').hidden = true;
  byId('times-problems').replaceChildren();
  byId('times-dose').textContent = '';
  byId('times-status').textContent = text;
  byId('times-status').lang = 'en';
}
