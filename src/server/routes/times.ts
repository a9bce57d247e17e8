import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkHardStops } from '../../clinical/hardStops.js';
import { defaultDoseMinutes } from '../../clinical/deriveFacts.js';
import { CareprintError, withoutValues, type Problem } from '../../errors.js';
import { sharedMetrics } from '../../fonts/fontkitMetrics.js';
import { languages, type Language } from '../../model/schemas.js';
import { prepareVisit } from '../../render.js';
import type { MomentText } from '../../template/formatTime.js';
import { buildView } from '../../template/view.js';
import { instantToWall, wallIsoMinute } from '../../time/zone.js';
import type { RenderService } from '../renderService.js';
import type { PrintedTime, TimesAnswer } from '../timesAnswer.js';

import { checkDocuments, parseRequest } from './api.js';

/** Query of POST /v1/times. */
export const timesQuerySchema = z.strictObject({
  docs: z
    .string()
    .transform((s) => s.split(',').map((d) => d.trim()).filter((d) => d !== ''))
    .default([])
    .describe('Also check the clinical hard stops of these documents (comma-separated), e.g. discharge'),
  lang: z.enum(languages, { error: 'expected "en" or "es"' }).optional().describe("Word the times in this language instead of the patient's"),
});

/**
 * The stamp a view needs; the times do not print it. The view is the one the templates
 * fill, so the times answered are the documents' own words, computed by the same code.
 */
const noStamp = { id: '', templateId: '', version: '', effectiveDate: '' };

/** The clinical times of a visit, worded exactly as the documents print them. */
export function visitTimes(input: unknown, service: RenderService, docs: readonly string[], lang: Language | undefined): TimesAnswer {
  let prepared;
  try {
    prepared = prepareVisit(input, service.clinic, sharedMetrics(), { nowMs: service.now().getTime() });
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    return { times: null, problems: withoutValues(error.problems) };
  }
  const { visit, facts } = prepared;
  const problems: Problem[] = [];
  try {
    if (docs.length > 0) checkHardStops(docs, visit);
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    problems.push(...error.problems);
  }
  // A language a clinic's template set adds is worded by careprint in English here.
  const language: Language = lang ?? (visit.patient.language === 'es' ? 'es' : 'en');
  const view = buildView(visit, facts, language, noStamp);
  const zone = visit.clinic.timeZone;
  const printed = (moment: MomentText, ms: number): PrintedTime => ({ text: moment.full, at: wallIsoMinute(instantToWall(ms, zone)) });
  return {
    times: {
      lang: language,
      route: facts.route,
      doseMinutes: facts.doseMinutes,
      doseMinutesGiven: visit.session.durationMinutes !== undefined,
      defaultDoseMinutes: defaultDoseMinutes[facts.route],
      observationMinutes: facts.observationMinutes,
      dischargeGiven: facts.dischargeGiven,
      start: printed(view.times.start, facts.startMs),
      lastSolidFood: printed(view.times.lastSolidFood, facts.lastSolidFoodMs),
      lastClearLiquids: printed(view.times.lastClearLiquids, facts.lastClearLiquidsMs),
      discharge: printed(view.times.discharge, facts.dischargeMs),
      noDrivingUntil: printed(view.times.noDrivingUntil, facts.noDrivingUntilMs),
      nextAppointment: view.times.nextAppointment === null || facts.nextAppointmentMs === undefined ? null : printed(view.times.nextAppointment, facts.nextAppointmentMs),
      clockChange: view.clockChange,
    },
    problems: withoutValues(problems),
  };
}

/** POST /v1/times: the times a visit's documents will print, before any is rendered. */
export function registerTimesRoute(app: FastifyInstance, service: RenderService): void {
  app.post('/v1/times', async (request, reply) => {
    const query = parseRequest(timesQuerySchema, request.query, 'query');
    if (query.docs.length > 0) checkDocuments(query.docs, false);
    return reply.header('cache-control', 'no-store').send(visitTimes(request.body, service, query.docs, query.lang));
  });
}
