import { z } from 'zod';
import { maxJsonDepth } from '../model/jsonDepth.js';
import { visitSchema } from '../model/schemas.js';
import { documentTypes } from '../template/registry.js';
import { routeExtensionUrl } from '../fhir/bundleToVisit.js';
import { pdfHeaders, responseHeaders, type ResponseHeader } from './headers.js';
import { problemJson, problemKinds } from './problemDetails.js';
import { fhirDocumentQuerySchema, fhirPacketQuerySchema, packetRequestSchema, renderQuerySchema, validateQuerySchema } from './requests.js';
import { timesQuerySchema } from './routes/times.js';

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Query parameters of an operation, from the zod schema that parses them. */
function queryParameters(schema: z.ZodType): unknown[] {
  const json = schemaOf(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) && s.default === undefined,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A header as a component of the document, named as it is sent ("X-Careprint-Sha256"). */
const headerName = (h: ResponseHeader) => h.name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
const headerRefs = (...headers: ResponseHeader[]) => Object.fromEntries(headers.map((h) => [headerName(h), { $ref: `#/components/headers/${headerName(h)}` }]));
/** Every answer carries the request id. */
const withId = (response: Record<string, unknown>, ...headers: ResponseHeader[]) => ({ ...response, headers: headerRefs(responseHeaders.requestId, ...headers) });

const problem = (description: string, ...headers: ResponseHeader[]) => withId({ description, content: { [problemJson]: { schema: ref('Problem') } } }, ...headers);
const pdf = withId({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...pdfHeaders);
const commonErrors = {
  '400': problem(`The body is not JSON, nests objects and arrays deeper than ${maxJsonDepth} levels (type too-deep), or a parameter is wrong`),
  '401': problem('No bearer token, or one the service does not accept'),
  '413': problem('The body is over the limit (1 MB by default)'),
  '415': problem('The body is not application/json, is compressed, or is declared in a character set other than UTF-8'),
  '422': problem('The visit cannot be printed: every problem with its field path'),
  '503': problem('Busy, or the render passed its time limit; retry after the seconds Retry-After gives', responseHeaders.retryAfter),
};
const fhirErrors = {
  '4XX': withId({ description: 'An OperationOutcome, one issue per problem with its FHIRPath', content: { 'application/fhir+json': { schema: ref('OperationOutcome') } } }),
  '503': withId({ description: 'Busy or past the time limit (OperationOutcome); retry after the seconds Retry-After gives', content: { 'application/fhir+json': { schema: ref('OperationOutcome') } } }, responseHeaders.retryAfter),
};

let cached: object | undefined;

/** The OpenAPI 3.1 description of the service, built from the zod schemas that validate its input. */
export function openApiDocument(): object {
  cached ??= build();
  return cached;
}

function build(): object {
  const json = { 'application/json': { schema: ref('Visit') } };
  const security = [{ bearer: [] }];
  const bundleBody = { required: true, content: { 'application/fhir+json': { schema: ref('Bundle') }, 'application/json': { schema: ref('Bundle') }, 'application/json+fhir': { schema: ref('Bundle') } } };
  const fhirAnswer = withId(
    {
      description: 'A DocumentReference with the PDF as a base64 attachment (Accept: application/fhir+json, the default), or the PDF (Accept: application/pdf)',
      content: { 'application/fhir+json': { schema: ref('DocumentReference') }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    responseHeaders.documentId,
  );
  const ok = (response: Record<string, unknown>) => withId(response);
  return {
    openapi: '3.1.0',
    info: {
      title: 'careprint',
      version: '1',
      description: `Print-ready, sign-ready patient documents. Document types: ${documentTypes().join(', ')}. Times without an offset are wall times in the clinic's zone. Every answer carries X-Request-Id, the id its log line has; a PDF comes with its document id, templates, SHA-256 and page count in X-Careprint-* headers. Every error is application/problem+json (RFC 9457) with a "problems" list, each with its field path; FHIR operations answer with an OperationOutcome instead.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from CAREPRINT_TOKENS or the tokens file' } },
      headers: Object.fromEntries(Object.values(responseHeaders).map((h) => [headerName(h), { description: h.description, schema: h.schema }])),
      schemas: {
        Visit: schemaOf(visitSchema),
        PacketRequest: { ...schemaOf(packetRequestSchema), properties: { ...(schemaOf(packetRequestSchema) as { properties: object }).properties, visit: ref('Visit') } },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri', enum: [...new Set(Object.values(problemKinds).map((k) => k.type))] },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string', description: 'urn:uuid: and the request id, as in the X-Request-Id header' },
            problems: { type: 'array', items: { type: 'object', required: ['code', 'path', 'message'], properties: { code: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } } },
          },
        },
        Times: {
          type: 'object',
          required: ['times', 'problems'],
          properties: {
            times: {
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  properties: {
                    lang: { type: 'string', enum: ['en', 'es'] },
                    route: { type: 'string', enum: ['iv', 'im', 'intranasal'] },
                    doseMinutes: { type: 'integer', description: 'The dose length the documents use' },
                    doseMinutesGiven: { type: 'boolean', description: 'false: the route\'s default' },
                    defaultDoseMinutes: { type: 'integer' },
                    observationMinutes: { type: 'integer' },
                    dischargeGiven: { type: 'boolean', description: 'true: session.dischargeAt, the actual discharge; false: the expected one, computed' },
                    ...Object.fromEntries(['start', 'lastSolidFood', 'lastClearLiquids', 'discharge', 'noDrivingUntil', 'nextAppointment'].map((name) => [name, ref('PrintedTime')])),
                    clockChange: { type: 'object', properties: { fasting: { type: ['string', 'null'] }, visit: { type: ['string', 'null'] }, driving: { type: ['string', 'null'] } } },
                  },
                },
              ],
            },
            problems: { type: 'array', items: { type: 'object', required: ['code', 'path', 'message'], properties: { code: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } } },
          },
        },
        PrintedTime: {
          type: ['object', 'null'],
          properties: { text: { type: 'string', examples: ['9:30\u00a0AM on Friday, November 27'], description: 'As the documents print it' }, at: { type: 'string', examples: ['2026-11-27T09:30'], description: "Wall time in the clinic's zone" } },
        },
        Validation: { type: 'object', properties: { valid: { const: false }, problems: { type: 'array', items: { type: 'object' } } } },
        Bundle: { type: 'object', description: `FHIR R4 Bundle: one Patient, one Appointment or Encounter (route in the extension ${routeExtensionUrl}, indication in reasonCode), the Practitioner, optionally the Organization (identifier = clinic id) and RelatedPersons (the escort; a legal representative by relationship code). See docs/service.md in the careprint repository.`, required: ['resourceType'], properties: { resourceType: { const: 'Bundle' } } },
        DocumentReference: { type: 'object', description: 'FHIR R4 DocumentReference', required: ['resourceType'], properties: { resourceType: { const: 'DocumentReference' } } },
        OperationOutcome: { type: 'object', description: 'FHIR R4 OperationOutcome', required: ['resourceType', 'issue'], properties: { resourceType: { const: 'OperationOutcome' } } },
      },
    },
    security,
    paths: {
      '/v1/documents': { get: { summary: 'The document types, their titles, versions and routes', responses: { '200': ok({ description: 'The list', content: { 'application/json': { schema: { type: 'array' } } } }), '401': problem('No bearer token, or one the service does not accept') } } },
      '/v1/documents/{type}': {
        post: {
          summary: 'Render one document of a visit',
          parameters: [{ name: 'type', in: 'path', required: true, schema: { type: 'string', enum: documentTypes() } }, ...queryParameters(renderQuerySchema)],
          requestBody: { required: true, content: json },
          responses: { '200': pdf, '404': problem('No such document type'), ...commonErrors },
        },
      },
      '/v1/packets': {
        post: {
          summary: 'Render several documents of a visit as one packet (default: consent, side effects, fasting)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('PacketRequest') } } },
          responses: { '200': pdf, ...commonErrors },
        },
      },
      '/v1/validate': {
        post: {
          summary: 'Check a visit without rendering; with docs, also the clinical hard stops of those documents',
          parameters: queryParameters(validateQuerySchema),
          requestBody: { required: true, content: json },
          responses: { '204': ok({ description: 'The visit can be printed' }), '200': ok({ description: 'Every problem with its field path', content: { 'application/json': { schema: ref('Validation') } } }), ...commonErrors },
        },
      },
      '/v1/times': {
        post: {
          summary: 'The clinical times a visit\'s documents will print (last solid food, last clear liquids, discharge, no driving until), worded as they print them, before any is rendered',
          parameters: queryParameters(timesQuerySchema),
          requestBody: { required: true, content: json },
          responses: { '200': ok({ description: 'The times (null when the visit cannot be read far enough to compute them) and every problem that stops it printing, each with its field path', content: { 'application/json': { schema: ref('Times') } } }), ...commonErrors },
        },
      },
      '/v1/schedules': {
        post: {
          summary: 'Read a day schedule (the batch CSV or NDJSON) into visits, each with its problems',
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array' } } } },
          responses: {
            '200': ok({
              description: "The rows: each row's number, its visit as given, its problems, and its times (session.start, session.dischargeAt, nextAppointment) as wall times in the clinic's zone, for a form to show",
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      rows: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            row: { type: 'integer' },
                            visit: { type: 'object' },
                            clinicTimes: { type: 'object', additionalProperties: { type: 'string', examples: ['2026-11-24T09:00'] } },
                            problems: { type: 'array', items: { type: 'object' } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            }),
            ...commonErrors,
          },
        },
      },
      '/fhir/r4/$render-document': {
        post: { summary: 'FHIR: render one document of the visit a Bundle describes', parameters: queryParameters(fhirDocumentQuerySchema()), requestBody: bundleBody, responses: { '200': fhirAnswer, ...fhirErrors } },
      },
      '/fhir/r4/$render-packet': {
        post: { summary: 'FHIR: render a packet of the visit a Bundle describes', parameters: queryParameters(fhirPacketQuerySchema), requestBody: bundleBody, responses: { '200': fhirAnswer, ...fhirErrors } },
      },
      '/healthz': {
        get: { summary: 'Liveness', security: [], responses: { '200': ok({ description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } }, additionalProperties: false } } } }) } },
      },
      '/openapi.json': {
        get: {
          summary: 'This description',
          security: [],
          responses: { '200': ok({ description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string', const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } } } } } }) },
        },
      },
    },
  };
}
