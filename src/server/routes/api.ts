import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readScheduleText, type ScheduleFormat } from '../../batch/schedule.js';
import { checkHardStops } from '../../clinical/hardStops.js';
import { CareprintError, withoutValues, type Problem } from '../../errors.js';
import { sharedMetrics } from '../../fonts/fontkitMetrics.js';
import { problemsFromZod } from '../../model/issues.js';
import { checkDocs, defaultPacketDocs } from '../../document/docs.js';
import { outcomeId } from '../../pool/task.js';
import { prepareVisit } from '../../render.js';
import { documentTypes, templateMeta } from '../../template/registry.js';
import { parseTime } from '../../time/parseTime.js';
import { instantToWall, wallIsoMinute } from '../../time/zone.js';
import { valueAt } from '../../util/dottedPath.js';
import { responseHeaders as h } from '../headers.js';
import { HttpProblem } from '../httpProblem.js';
import { checkNdjsonDepth } from '../jsonBody.js';
import { openApiDocument } from '../openapi.js';
import { packetRequestSchema, renderQuerySchema, validateQuerySchema } from '../requests.js';
import type { RenderedOutcome, RenderService } from '../renderService.js';

const timeFields = ['session.start', 'session.dischargeAt', 'nextAppointment'] as const;

/**
 * A visit's times as wall times in the clinic's zone (`2026-11-24T09:00`), by field path:
 * what a form shows of a time written with a UTC offset (`2026-11-24T14:00:00Z`), which
 * cut to its first 16 characters would be another time. Times that cannot be read are
 * left out (the visit's problems name them).
 */
function clinicWallTimes(visit: unknown, zone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of timeFields) {
    const value = valueAt(visit, path);
    if (typeof value !== 'string') continue;
    const parsed = parseTime(value, zone);
    if (parsed.kind === 'ok') out[path] = wallIsoMinute(instantToWall(parsed.instantMs, zone));
  }
  return out;
}

/** Parses with a zod schema; problems name their path under `prefix`. */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const problems = problemsFromZod(result.error.issues, prefix);
    throw new HttpProblem('badRequest', `${problems.length} problem${problems.length === 1 ? '' : 's'} with the request`, { problems });
  }
  return result.data;
}

/**
 * Unknown or repeated document names, as a 400 (or a 404 for a path parameter), their
 * problems named under `prefix` (`query.` for a query parameter).
 */
export function checkDocuments(docs: readonly string[], inPath: boolean, prefix = ''): void {
  try {
    checkDocs(docs);
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    if (inPath) throw new HttpProblem('notFound', `no document type "${docs[0]}"; known: ${documentTypes().join(', ')}`);
    throw new HttpProblem('badRequest', 'the documents asked for cannot be printed', { problems: error.problems.map((p) => ({ ...p, path: prefix + p.path })) });
  }
}

/** Closes with the caller: a request whose client went away stops its render. */
export function callerSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Problems that stop a visit from printing, found on this thread without rendering:
 * the contract, unprintable characters, and with `docs` their clinical hard stops.
 */
function visitProblems(input: unknown, service: RenderService, docs: readonly string[] = []): Problem[] {
  try {
    const { visit } = prepareVisit(input, service.clinic, sharedMetrics(), { nowMs: service.now().getTime() });
    if (docs.length > 0) checkHardStops(docs, visit);
    return [];
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    return [...error.problems];
  }
}

/** The PDF with its document id, templates, hash and pages in headers. */
export function sendPdf(reply: FastifyReply, outcome: RenderedOutcome, name: string): FastifyReply {
  const id = outcomeId(outcome);
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${name}-${id}.pdf"`)
    .header('cache-control', 'no-store')
    // A browser must not read the bytes as anything but the PDF they are.
    .header(h.contentTypeOptions.name, 'nosniff')
    .header(h.documentId.name, id)
    .header(h.documents.name, outcome.documentIds.join(','))
    .header(h.template.name, outcome.templates.join(','))
    .header(h.sha256.name, outcome.sha256)
    .header(h.pages.name, String(outcome.pages))
    .send(Buffer.from(outcome.bytes.buffer, outcome.bytes.byteOffset, outcome.bytes.byteLength));
}

const scheduleFormats: Readonly<Record<string, ScheduleFormat>> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson', 'application/jsonl': 'ndjson', 'application/json': 'json' };

/** The JSON API: documents, packets, validation, schedules, health and the OpenAPI description. */
export function registerApiRoutes(app: FastifyInstance, service: RenderService): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // Each NDJSON line is a visit: one nested deeper than a visit can be refuses the body before it is read.
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'string' }, async (_request: FastifyRequest, body: string | Buffer) => checkNdjsonDepth(body.toString()));

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/openapi.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(openApiDocument()));

  // In the order a packet prints them: the consent packet's documents first, then the rest.
  const rank = (type: string) => (defaultPacketDocs.includes(type) ? defaultPacketDocs.indexOf(type) : defaultPacketDocs.length);
  app.get('/v1/documents', async () =>
    [...documentTypes()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((type) => {
      const meta = templateMeta(type);
      return { type, title: meta.title, version: meta.version, effectiveDate: meta.effectiveDate, routes: meta.routes };
    }),
  );

  app.post<{ Params: { type: string } }>('/v1/documents/:type', async (request, reply) => {
    const { type } = request.params;
    checkDocuments([type], true);
    const query = parseRequest(renderQuerySchema, request.query, 'query');
    const outcome = await service.render({ visit: request.body, docs: [type], packet: false, lang: query.lang, paper: query.paper, duplex: false, signal: callerSignal(reply) });
    return sendPdf(reply, outcome, type);
  });

  app.post('/v1/packets', async (request, reply) => {
    const body = parseRequest(packetRequestSchema, request.body, '');
    checkDocuments(body.docs, false);
    const outcome = await service.render({
      visit: body.visit,
      docs: body.docs,
      packet: true,
      lang: body.lang,
      paper: body.paper,
      duplex: body.duplex,
      signal: callerSignal(reply),
    }).catch((error: unknown) => {
      // The visit travels under "visit": its problems are named from the body's root.
      if (error instanceof HttpProblem && error.kind === 'invalidVisit' && error.problems) {
        throw new HttpProblem('invalidVisit', error.message, { problems: error.problems.map((p) => (p.path.startsWith('docs') ? p : { ...p, path: `visit.${p.path}` })) });
      }
      throw error;
    });
    return sendPdf(reply, outcome, 'packet');
  });

  app.post('/v1/validate', async (request, reply) => {
    const query = parseRequest(validateQuerySchema, request.query, 'query');
    if (query.docs.length > 0) checkDocuments(query.docs, false);
    const problems = visitProblems(request.body, service, query.docs);
    if (problems.length === 0) return reply.code(204).send();
    return reply.send({ valid: false, problems: withoutValues(problems) });
  });

  app.post('/v1/schedules', async (request, reply) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const format = scheduleFormats[mediaType];
    if (!format) throw new HttpProblem('unsupportedMediaType', 'send a schedule as text/csv, application/x-ndjson or a JSON array');
    const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const rows: { row: number; visit: unknown; clinicTimes: Record<string, string>; problems: Omit<Problem, 'value'>[] }[] = [];
    try {
      for await (const row of readScheduleText(text, format)) {
        const problems = row.problems.length > 0 ? row.problems : visitProblems(row.input, service);
        rows.push({ row: row.row, visit: row.input, clinicTimes: clinicWallTimes(row.input, service.clinic.timeZone), problems: withoutValues(problems) });
      }
    } catch (error) {
      if (error instanceof CareprintError) throw new HttpProblem('invalidVisit', 'the schedule cannot be read', { problems: error.problems });
      throw error;
    }
    return reply.header('cache-control', 'no-store').send({ rows });
  });
}
