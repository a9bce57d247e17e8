import type { TemplateSetRef } from '../template/registry.js';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { operationOutcome } from '../fhir/operationOutcome.js';
import type { Clinic } from '../model/schemas.js';
import type { RenderPool } from '../pool/renderPool.js';
import { responseHeaders } from './headers.js';
import { clientErrorHandler } from './clientError.js';
import { HttpProblem } from './httpProblem.js';
import { parseJsonBody } from './jsonBody.js';
import { problemDetails, problemJson, type ProblemKind } from './problemDetails.js';
import { RenderService } from './renderService.js';
import { registerApiRoutes } from './routes/api.js';
import { registerFhirRoutes } from './routes/fhir.js';
import { answerOtherMethods, collectRouteMethods } from './routes/methodNotAllowed.js';
import { registerPageRoutes } from './routes/page.js';
import { registerTimesRoute } from './routes/times.js';
import type { TokenSet } from './tokens.js';

export interface ServerOptions {
  readonly clinic: Clinic;
  /** The clinic's template set, loaded and linted at start (`templates` in the clinic JSON). */
  readonly templates?: TemplateSetRef;
  readonly pool: RenderPool;
  /** Accepted bearer tokens; `null` only for a service bound to 127.0.0.1 (--insecure-local). */
  readonly tokens: TokenSet | null;
  /** Largest body accepted, in bytes. Default 1 MB. */
  readonly bodyLimit?: number;
  /** A render still running after this is given up with 503. Default 10 s. */
  readonly renderTimeoutMs?: number;
  /** Where the request log goes (pino); `false` for none. Default: standard output. */
  readonly log?: DestinationStream | false;
  readonly logLevel?: string;
  /** The clock: today for the session date check, and DocumentReference.date. */
  readonly now?: () => Date;
}

/** Routes that need no token: the page's own files, health and the API description. */
const publicRoutes: ReadonlySet<string> = new Set(['/', '/app.js', '/style.css', '/healthz', '/openapi.json']);

/** The id of a request, in every answer and in the request's log line. */
const requestIdHeader = responseHeaders.requestId.name;

/** A header whose value is ours to log: the document id is not patient data. */
const documentIdHeader = responseHeaders.documentId.name;

/**
 * The HTTP service. Stateless: nothing is kept between requests, so many copies can
 * run behind a load balancer. Logs carry method, route, status, duration and document
 * id, never a body, a name or a record number.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // Every request gets its own id, answered in X-Request-Id and logged as reqId, so an
    // integrator can quote it and the clinic find the log line. A caller's own id is not
    // taken: the log must hold nothing a caller wrote, which could be a record number.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
    // What Node's parser refuses (headers or URL too large, a Content-Length that is not
    // one) and what the router cannot read (a URL whose %-escapes are not UTF-8) are
    // answered like every other error, as problem details.
    clientErrorHandler: clientErrorHandler(() => app.log),
    // Fastify's hooks do not run for these, so the request id and the log line are added here.
    frameworkErrors: (error, request, reply) => {
      const problem = frameworkProblem(error);
      void reply.header(requestIdHeader, request.id);
      request.log.info({ method: request.method, route: 'unmatched', status: problemDetails(problem.kind).status }, 'request');
      void sendProblem(request, reply, problem);
    },
    logger:
      options.log === false
        ? false
        : {
            level: options.logLevel ?? 'info',
            base: { service: 'careprint' },
            // Defence in depth: no log line is built from a body, but if one ever were, these never print.
            redact: {
              paths: ['req.headers.authorization', 'headers.authorization', 'body', 'visit', 'patient', 'escort', 'representative', 'interpreter', '*.body', '*.visit', '*.patient', '*.escort', '*.value', 'problems[*].value'],
              censor: '[redacted]',
            },
            serializers: {
              // An error's message can quote what it failed on (a name, a record number, a
              // snippet of the body), so the log gets its kind, code and stack frames only.
              err: (err: FastifyError) => ({ type: err.name, code: err.code, message: 'not logged: it can quote the input', stack: stackFrames(err.stack) }),
            },
            ...(options.log ? { stream: options.log } : {}),
          },
  });

  const service = new RenderService(options.pool, options.clinic, options.renderTimeoutMs ?? 10_000, options.now, options.templates);

  // Bodies are JSON (or FHIR JSON); Fastify's plain-text parser would let any text through.
  app.removeContentTypeParser('text/plain');
  // JSON, FHIR JSON, and the type FHIR DSTU2 gave it, which some integration engines still
  // send, all read the same way: nesting checked on the text, `__proto__` an ordinary key.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/fhir+json', 'application/json+fhir'], { parseAs: 'string' }, async (_request: FastifyRequest, body: string | Buffer) => parseJsonBody(body.toString()));

  const routeMethods = collectRouteMethods(app);

  app.addHook('onRequest', async (request, reply) => {
    if (options.tokens === null) return;
    const route = request.routeOptions.url;
    if (route !== undefined && publicRoutes.has(route)) return;
    if (!options.tokens.accepts(request.headers.authorization)) {
      throw new HttpProblem('unauthorized', request.headers.authorization ? 'the bearer token is not one this service accepts' : 'send Authorization: Bearer <token>', {
        headers: { 'www-authenticate': 'Bearer realm="careprint"' },
      });
    }
  });

  // A compressed body would otherwise reach the JSON parser as bytes and be answered
  // "not valid JSON", which sends an integrator looking in the wrong place (RFC 9110
  // 15.5.16: 415, naming the codings accepted).
  // Likewise a body in another character set (JSON is UTF-8, RFC 8259): it would be read
  // as UTF-8 and answered "not valid JSON", or worse, a name with a lost letter.
  app.addHook('onRequest', async (request) => {
    const coding = request.headers['content-encoding']?.trim().toLowerCase();
    if (coding && coding !== 'identity') {
      throw new HttpProblem('unsupportedMediaType', `Content-Encoding ${coding} is not accepted; send the body uncompressed`, { headers: { 'accept-encoding': 'identity' } });
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
      throw new HttpProblem('unsupportedMediaType', `the body is declared as ${charset}; send it as UTF-8 (charset=utf-8)`);
    }
  });

  // Closing (SIGTERM): requests in flight finish, and their connections close after the answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header(requestIdHeader, request.id);
    if (closing) void reply.header('connection', 'close');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const documentId = reply.getHeader(documentIdHeader);
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(documentId !== undefined ? { documentId } : {}),
      },
      'request',
    );
  });

  app.setErrorHandler(async (error: FastifyError | HttpProblem, request, reply) => {
    const problem = toHttpProblem(error);
    if (problem.kind === 'internal') request.log.error({ err: error }, 'internal error');
    void reply.headers(problem.headers);
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler(async (request, reply) => sendProblem(request, reply, new HttpProblem('notFound', `${request.method} ${new URL(request.url, 'http://x').pathname} is not a route of this service; see /openapi.json`)));

  registerApiRoutes(app, service);
  registerTimesRoute(app, service);
  registerFhirRoutes(app, service);
  registerPageRoutes(app);
  answerOtherMethods(app, routeMethods);
  return app;
}

/** A stack trace without its first line (`Name: message`), which can quote patient data. */
function stackFrames(stack: string | undefined): string {
  if (!stack) return '';
  const at = stack.search(/\n\s+at /);
  return at < 0 ? '' : stack.slice(at + 1);
}

function isFhirRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/fhir/');
}

/** Problem details (RFC 9457), or an OperationOutcome for a FHIR request. */
function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const details = { ...problemDetails(problem.kind, problem.message, problem.problems), instance: `urn:uuid:${request.id}` };
  void reply.code(details.status);
  if (isFhirRequest(request)) {
    const outcome = problem.problems?.length
      ? operationOutcome(problem.problems, problem.locate)
      : { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: fhirIssueCode(problem.kind), details: { text: `${details.title}: ${problem.message}` } }] };
    return reply.type('application/fhir+json; charset=utf-8').send(outcome);
  }
  return reply.type(`${problemJson}; charset=utf-8`).send(details);
}

function fhirIssueCode(kind: ProblemKind): string {
  switch (kind) {
    case 'unauthorized':
      return 'security';
    case 'tooLarge':
      return 'too-costly';
    case 'busy':
      return 'transient';
    case 'timeout':
      return 'timeout';
    case 'notFound':
    case 'methodNotAllowed':
    case 'notAcceptable':
    case 'unsupportedMediaType':
      return 'not-supported';
    case 'internal':
      return 'exception';
    default:
      return 'invalid';
  }
}

/** What the router refuses before a route is found. */
function frameworkProblem(error: FastifyError): HttpProblem {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return new HttpProblem('uriTooLong', 'a part of the path is over 100 characters; no document type is that long');
  if (error.code === 'FST_ERR_BAD_URL') return new HttpProblem('badRequest', 'the path has a %-escape that is not UTF-8');
  return new HttpProblem('internal', 'the service failed; the error is logged');
}

/** Fastify's own errors (body parsing, limits) as the service's problem kinds. */
function toHttpProblem(error: FastifyError | HttpProblem): HttpProblem {
  if (error instanceof HttpProblem) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem('unsupportedMediaType', 'send the body as application/json (FHIR: application/fhir+json; schedules: text/csv or application/x-ndjson)');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem('tooLarge', 'the body is over the limit');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem('badJson', 'the body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpProblem('badRequest', 'Content-Length does not match the body');
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new HttpProblem('badJson', 'the body could not be parsed as JSON');
  if (error.statusCode === 400 && error.validation) return new HttpProblem('badRequest', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new HttpProblem('badRequest', 'the request could not be read');
  return new HttpProblem('internal', 'the service failed; the error is logged');
}
