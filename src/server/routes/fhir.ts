import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bundleToVisit } from '../../fhir/bundleToVisit.js';
import { documentReference } from '../../fhir/documentReference.js';
import { defaultPacketDocs } from '../../document/docs.js';
import { outcomeId } from '../../pool/task.js';
import { responseHeaders } from '../headers.js';
import { HttpProblem } from '../httpProblem.js';
import { fhirDocumentQuerySchema, fhirPacketQuerySchema } from '../requests.js';
import type { RenderService } from '../renderService.js';
import { callerSignal, checkDocuments, parseRequest, sendPdf } from './api.js';

type Answer = 'fhir' | 'pdf';

/** Media types a DocumentReference answers: FHIR JSON, FHIR DSTU2's name for it, plain JSON and wildcards. */
const fhirJsonTypes: ReadonlySet<string> = new Set(['application/fhir+json', 'application/json+fhir', 'application/json', 'application/*', '*/*']);

/** What the caller accepts, by q-value then order: a DocumentReference (the default) or the PDF itself. */
export function negotiate(accept: string | undefined): Answer | undefined {
  if (!accept || accept.trim() === '') return 'fhir';
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { type } of ranges) {
    if (type === 'application/pdf') return 'pdf';
    if (fhirJsonTypes.has(type)) return 'fhir';
  }
  return undefined;
}

/**
 * FHIR R4 operations: a Bundle in, a DocumentReference (or the PDF) out. Every error
 * is an OperationOutcome whose issues point into the Bundle by FHIRPath.
 */
export function registerFhirRoutes(app: FastifyInstance, service: RenderService): void {
  const handle = (packet: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = negotiate(request.headers.accept);
    if (!answer) throw new HttpProblem('notAcceptable', 'accept application/fhir+json (a DocumentReference) or application/pdf');
    // The document's type is checked by the query's schema, so a wrong one is named as the `type` parameter.
    const query = packet ? parseRequest(fhirPacketQuerySchema, request.query, 'query') : parseRequest(fhirDocumentQuerySchema(), request.query, 'query');
    const docs: readonly string[] = 'type' in query ? [query.type] : (query.docs ?? defaultPacketDocs);
    checkDocuments(docs, false, 'query.');
    const mapping = bundleToVisit(request.body, service.clinic);
    if (!mapping.ok) throw new HttpProblem('invalidVisit', 'the Bundle cannot be mapped to a visit', { problems: mapping.problems });
    const { mapped } = mapping;
    const outcome = await service.render({ visit: mapped.visit, docs, packet, lang: query.lang, paper: query.paper, duplex: query.duplex, signal: callerSignal(reply), locate: mapped.fhirPath });
    if (answer === 'pdf') return sendPdf(reply, outcome, packet ? 'packet' : (docs[0] as string));
    const resource = documentReference(outcome, docs, mapped.references, service.clinic, service.now());
    return reply.header(responseHeaders.documentId.name, outcomeId(outcome)).header('cache-control', 'no-store').type('application/fhir+json; charset=utf-8').send(resource);
  };
  app.post('/fhir/r4/$render-document', handle(false));
  app.post('/fhir/r4/$render-packet', handle(true));
}
