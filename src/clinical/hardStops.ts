import { CareprintError, type Problem } from '../errors.js';
import type { Visit } from '../model/parseVisit.js';
import { esketamineObservationMinutes } from './deriveFacts.js';

/**
 * Visits a document (or a packet of documents) must refuse, whatever the template
 * says. Each stop names the field and the clinical reason, once.
 */
export function checkHardStops(documents: string | readonly string[], visit: Visit): void {
  const docs = typeof documents === 'string' ? [documents] : documents;
  const problems: Problem[] = [];
  if (docs.includes('discharge') && !visit.escort) {
    problems.push({ code: 'clinical_hard_stop', path: 'escort', message: 'required — a patient must not leave alone after ketamine' });
  }
  const { route, startMs, dischargeAtMs } = visit.session;
  if (route === 'intranasal' && dischargeAtMs !== undefined && dischargeAtMs < startMs + esketamineObservationMinutes * 60_000) {
    problems.push({
      code: 'clinical_hard_stop',
      path: 'session.dischargeAt',
      message: `intranasal esketamine needs at least ${esketamineObservationMinutes / 60} hours of observation after the dose before discharge`,
    });
  }
  if (problems.length > 0) throw new CareprintError(problems);
}
