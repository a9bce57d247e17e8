import { Validator } from '@seriousme/openapi-schema-validator';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { outlineOf } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';
import { auth, startTestServer, testToken, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...auth, ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  problems?: { code: string; path: string; message: string }[];
}

describe('POST /v1/documents/{type}', () => {
  it('answers the PDF the library makes, with its id, template and hash in headers', async () => {
    const res = await post('/v1/documents/discharge', visit('iv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const library = await renderDocument('discharge', visit('iv'), clinic());
    expect(Buffer.compare(res.rawPayload, Buffer.from(library.bytes))).toBe(0);
    expect(res.headers['x-careprint-document-id']).toBe(library.info.documentId);
    expect(res.headers['x-careprint-template']).toBe('discharge@2.0.0');
    expect(res.headers['x-careprint-sha256']).toBe(createHash('sha256').update(res.rawPayload).digest('hex'));
    expect(res.headers['x-careprint-pages']).toBe('2');
    expect(res.headers['content-disposition']).toBe(`inline; filename="discharge-${library.info.documentId}.pdf"`);
  });

  it('prints in the language asked for', async () => {
    const res = await post('/v1/documents/fasting?lang=es', visit('iv'));
    expect(res.statusCode).toBe(200);
    expectPhrases(pdfText(res.rawPayload), ['Dana Whitfield', 'Deje de comer']);
  });

  it('answers 422 with every problem and its field path', async () => {
    const res = await post('/v1/documents/discharge', visitWith('iv', { patient: { birthDate: '1984-02-30' }, session: { route: 'oral', start: '2026-03-08T02:30' } }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = res.json<ProblemBody>();
    expect(body.type).toBe('https://careprint.example/problems/invalid-visit');
    expect(body.status).toBe(422);
    expect(body.problems?.map((p) => p.path).sort()).toEqual(['patient.birthDate', 'session.route', 'session.start']);
  });

  it('refuses a discharge sheet without an escort: 422 at "escort"', async () => {
    const { escort: _escort, ...noEscort } = visit('iv');
    const res = await post('/v1/documents/discharge', noEscort);
    expect(res.statusCode).toBe(422);
    expect(res.json<ProblemBody>().problems).toEqual([expect.objectContaining({ code: 'clinical_hard_stop', path: 'escort' })]);
  });

  it('answers 404 for a document type it does not know', async () => {
    const res = await post('/v1/documents/brochure', visit('iv'));
    expect(res.statusCode).toBe(404);
    expect(res.json<ProblemBody>().detail).toMatch(/no document type "brochure"; known: .*discharge/);
  });

  it('answers 400 for a wrong query parameter, naming it', async () => {
    const res = await post('/v1/documents/discharge?lang=fr', visit('iv'));
    expect(res.statusCode).toBe(400);
    expect(res.json<ProblemBody>().problems?.[0]?.path).toBe('query.lang');
  });

  it('answers 400 for a body that is not JSON, 415 for one that is not sent as JSON', async () => {
    const bad = await post('/v1/documents/discharge', '{"patient": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ProblemBody>().type).toBe('https://careprint.example/problems/bad-json');
    const text = await post('/v1/documents/discharge', JSON.stringify(visit('iv')), { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json<ProblemBody>().type).toBe('https://careprint.example/problems/unsupported-media-type');
  });

  it('answers 415 for a compressed body, saying so, rather than "not valid JSON"', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/documents/discharge',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...auth },
      payload: gzipSync(JSON.stringify(visit('iv'))),
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['accept-encoding']).toBe('identity');
    expect(res.json<ProblemBody>().detail).toBe('Content-Encoding gzip is not accepted; send the body uncompressed');
    // Still behind the token, and "identity" is no compression at all.
    expect((await server.app.inject({ method: 'POST', url: '/v1/validate', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: '{}' })).statusCode).toBe(401);
    expect((await post('/v1/validate', visit('iv'), { 'content-encoding': 'identity' })).statusCode).toBe(204);
  });

  it('answers 415 for a body declared in a character set other than UTF-8, naming it', async () => {
    const latin1 = Buffer.from(JSON.stringify(visit('spanish')), 'latin1');
    for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset="UTF-16"', 'application/fhir+json; charset=windows-1252', 'text/csv; charset=windows-1252']) {
      const res = await server.app.inject({ method: 'POST', url: '/v1/documents/discharge', headers: { 'content-type': type, ...auth }, payload: latin1 });
      const charset = /charset="?([^";]+)/.exec(type)?.[1]?.toLowerCase();
      expect([type, res.statusCode, res.json<ProblemBody>().detail]).toEqual([type, 415, `the body is declared as ${charset}; send it as UTF-8 (charset=utf-8)`]);
    }
    for (const charset of ['utf-8', 'UTF-8', 'utf8', '"utf-8"']) {
      expect((await post('/v1/validate', visit('iv'), { 'content-type': `application/json; charset=${charset}` })).statusCode).toBe(204);
    }
  });

  it('answers 413 for a body over the limit (1 MB by default)', async () => {
    const big = { ...visit('iv'), padding: 'x'.repeat(1024 * 1024) };
    const res = await post('/v1/documents/discharge', big);
    expect(res.statusCode).toBe(413);
    expect(res.json<ProblemBody>().type).toBe('https://careprint.example/problems/body-too-large');
  });
});

describe('POST /v1/packets', () => {
  it('prints the consent packet by default, one bookmark a document', async () => {
    const res = await post('/v1/packets', { visit: visit('iv') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-careprint-document-id']).toMatch(/^CP-PKT-[0-9A-F]{12}$/);
    expect(res.headers['x-careprint-template']).toBe('consent@2.0.0,side-effects@2.0.0,fasting@2.0.0');
    expect(outlineOf(res.rawPayload).map((e) => e.title)).toEqual(['Consent for ketamine treatment', 'Side effects of ketamine treatment', 'Eating and drinking before ketamine treatment']);
  });

  it('takes the documents, duplex and language from the body', async () => {
    // The IM consent has three pages: the discharge sheet starts after a blank back.
    const res = await post('/v1/packets', { visit: visit('im'), docs: ['consent', 'discharge'], duplex: true, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['x-careprint-pages'])).toBe(6);
    expect(outlineOf(res.rawPayload).map((e) => e.page)).toEqual([1, 5]);
    expectPhrases(pdfText(res.rawPayload), ['This page is blank on purpose.']);
    // And the language from the body: every Spanish document has an even number of pages.
    const es = await post('/v1/packets', { visit: visit('iv'), docs: ['consent', 'discharge'], duplex: true, lang: 'es' });
    expect(outlineOf(es.rawPayload).map((e) => e.title)).toEqual(['Consentimiento para el tratamiento con ketamina', 'Cuidados en casa después de la ketamina']);
  });

  it('names visit problems from the body root, and refuses repeated documents', async () => {
    const invalid = await post('/v1/packets', { visit: visitWith('iv', { patient: { mrn: '' } }) });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json<ProblemBody>().problems?.map((p) => p.path)).toEqual(['visit.patient.mrn']);
    const repeated = await post('/v1/packets', { visit: visit('iv'), docs: ['consent', 'consent'] });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json<ProblemBody>().problems?.map((p) => p.path)).toEqual(['docs[1]']);
    const unknownKey = await post('/v1/packets', { visit: visit('iv'), copies: 2 });
    expect(unknownKey.statusCode).toBe(400);
  });
});

describe('POST /v1/validate', () => {
  it('answers 204 for a visit that can be printed, and the problems otherwise', async () => {
    expect((await post('/v1/validate?docs=discharge', visit('iv'))).statusCode).toBe(204);
    const { escort: _escort, ...noEscort } = visit('iv');
    expect((await post('/v1/validate', noEscort)).statusCode).toBe(204);
    const res = await post('/v1/validate?docs=discharge', { ...noEscort, patient: { ...visit('iv').patient as object, birthDate: 'March 4' } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ valid: boolean; problems: { path: string }[] }>().problems.map((p) => p.path)).toEqual(['patient.birthDate']);
    const stop = await post('/v1/validate?docs=discharge', noEscort);
    expect(stop.json<{ problems: { code: string; path: string }[] }>().problems).toEqual([expect.objectContaining({ code: 'clinical_hard_stop', path: 'escort' })]);
  });

  it('refuses a session start typed decades ahead, at its field, against the clock', async () => {
    const v = visit('iv') as { session: Record<string, unknown> };
    const res = await post('/v1/validate', { ...v, session: { ...v.session, start: '2062-11-24T09:00', dischargeAt: '2062-11-24T10:10' }, nextAppointment: undefined });
    expect(res.json<{ problems: { path: string; message: string }[] }>().problems).toEqual([expect.objectContaining({ path: 'session.start', message: expect.stringContaining('check the year') })]);
  });
});

describe('POST /v1/schedules', () => {
  it('reads the batch CSV into visits, each with its problems', async () => {
    const csv = readFileSync(new URL('../../fixtures/schedules/2026-11-24.csv', import.meta.url), 'utf8');
    const res = await post('/v1/schedules', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(200);
    const { rows } = res.json<{ rows: { row: number; visit: { patient?: { familyName?: string } }; problems: { path: string }[] }[] }>();
    expect(rows).toHaveLength(42);
    const expected = JSON.parse(readFileSync(new URL('../../fixtures/schedules/2026-11-24.expected-errors.json', import.meta.url), 'utf8')) as { row: number; paths: string[] }[];
    // Each row is checked alone, against the contract: a shared session id (rows 30, 31) is
    // found by the batch, and a missing escort (row 15) only matters for the discharge sheet.
    const contractErrors = expected.filter((e) => !e.paths.includes('session.id') && !e.paths.includes('escort'));
    expect(contractErrors.map((e) => e.row)).toEqual([10, 20, 25]);
    for (const e of contractErrors) expect(rows.find((r) => r.row === e.row)?.problems.map((p) => p.path), `row ${e.row}`).toEqual(e.paths);
    expect(rows.filter((r) => r.problems.length > 0).map((r) => r.row)).toEqual([10, 20, 25]);
  });

  it('gives each row\'s times as wall times in the clinic zone, for a form to show', async () => {
    const v = visit('iv') as { session: Record<string, unknown> };
    const lines = [
      { ...v, session: { ...v.session, start: '2026-11-24T14:00:00Z', dischargeAt: '2026-11-24T10:30:00-05:00' }, nextAppointment: '2026-11-27T09:00' },
      { ...v, session: { ...v.session, start: 'soon' } },
    ].map((line) => JSON.stringify(line));
    const res = await post('/v1/schedules', lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    const { rows } = res.json<{ rows: { clinicTimes: Record<string, string>; visit: { session: { start: string } } }[] }>();
    expect(rows[0]?.clinicTimes).toEqual({ 'session.start': '2026-11-24T09:00', 'session.dischargeAt': '2026-11-24T10:30', nextAppointment: '2026-11-27T09:00' });
    // The visit itself comes back as written.
    expect(rows[0]?.visit.session.start).toBe('2026-11-24T14:00:00Z');
    // A time that cannot be read has no wall time; its problem is in the row's problems.
    expect(rows[1]?.clinicTimes).toEqual({ nextAppointment: '2026-11-27T09:00' });
  });

  it('reads NDJSON too, and refuses another content type', async () => {
    const ndjson = readFileSync(new URL('../../fixtures/schedules/2026-11-24.ndjson', import.meta.url), 'utf8');
    const res = await post('/v1/schedules', ndjson, { 'content-type': 'application/x-ndjson' });
    expect(res.json<{ rows: unknown[] }>().rows).toHaveLength(42);
    expect((await post('/v1/schedules', 'a,b', { 'content-type': 'text/plain' })).statusCode).toBe(415);
  });

  it('answers 422 with the line for a pasted CSV whose quotes do not pair up (it was a 500)', async () => {
    const csv = readFileSync(new URL('../../fixtures/schedules/2026-11-24.csv', import.meta.url), 'utf8').split('\n').slice(0, 2).join('\n');
    const res = await post('/v1/schedules', `${csv}\n"HL-1"x,Ana\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(422);
    expect(res.json<ProblemBody>().problems).toEqual([expect.objectContaining({ path: 'schedule', message: 'line 3: a quoted cell has more text after its closing quote' })]);
  });
});

describe('auth', () => {
  it('answers 401 without a token or with a wrong one, and works with a right one', async () => {
    const none = await server.app.inject({ method: 'POST', url: '/v1/documents/discharge', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(visit('iv')) });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="careprint"');
    expect(none.json<ProblemBody>().type).toBe('https://careprint.example/problems/unauthorized');
    const wrong = await post('/v1/documents/discharge', visit('iv'), { authorization: `Bearer ${testToken}x` });
    expect(wrong.statusCode).toBe(401);
    const basic = await post('/v1/documents/discharge', visit('iv'), { authorization: `Basic ${Buffer.from(`u:${testToken}`).toString('base64')}` });
    expect(basic.statusCode).toBe(401);
    expect((await post('/v1/documents/discharge', visit('iv'))).statusCode).toBe(200);
  });

  it('checks the token before reading the body', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/v1/documents/discharge', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(401);
  });

  it('serves the page, health and the API description without a token', async () => {
    for (const url of ['/', '/app.js', '/style.css', '/healthz', '/openapi.json']) {
      expect((await server.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    expect((await server.app.inject({ method: 'GET', url: '/v1/documents' })).statusCode).toBe(401);
    const page = await server.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('GET /openapi.json', () => {
  it('describes every route, with the visit schema generated from the contract', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown>; components: { schemas: { Visit: { properties: Record<string, unknown>; required: string[] } } } }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/fhir/r4/$render-document', '/fhir/r4/$render-packet', '/healthz', '/openapi.json', '/v1/documents', '/v1/documents/{type}', '/v1/packets', '/v1/schedules', '/v1/times', '/v1/validate']);
    expect(Object.keys(doc.components.schemas.Visit.properties)).toEqual(expect.arrayContaining(['patient', 'session', 'escort', 'representative', 'interpreter', 'nextAppointment']));
    expect(doc.components.schemas.Visit.required).toEqual(['patient', 'session']);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item as object)) expect(server.app.hasRoute({ method: method.toUpperCase() as 'GET' | 'POST', url: path.replace('{type}', ':type') }), `${method} ${path}`).toBe(true);
    }
  });

  it('is a valid OpenAPI 3.1 document whose every reference resolves, as code generators need', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<Record<string, unknown>>();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it("documents $render-document's type as required, with the document types, and the bodies of /healthz and /openapi.json", async () => {
    interface Parameter {
      name: string;
      required?: boolean;
      schema: { enum?: string[] };
    }
    interface Operation {
      parameters?: Parameter[];
      responses: Record<string, { content?: Record<string, { schema?: { required?: string[]; properties?: Record<string, unknown> } }> }>;
    }
    const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>>; components: { schemas: { Problem: { properties: { type: { enum: string[] } } } } } }>();
    const type = doc.paths['/fhir/r4/$render-document']?.['post']?.parameters?.find((p) => p.name === 'type');
    expect(type?.required).toBe(true);
    expect(type?.schema.enum).toEqual(['consent', 'discharge', 'fasting', 'side-effects']);
    expect(doc.paths['/fhir/r4/$render-document']?.['post']?.parameters?.map((p) => p.name)).not.toContain('docs');
    expect(doc.paths['/fhir/r4/$render-packet']?.['post']?.parameters?.map((p) => p.name)).not.toContain('type');
    // What each answers matches its declared schema's required members.
    for (const url of ['/healthz', '/openapi.json']) {
      const schema = doc.paths[url]?.['get']?.responses['200']?.content?.['application/json']?.schema;
      expect(schema?.required, url).toBeDefined();
      const body = (await server.app.inject({ method: 'GET', url })).json<Record<string, unknown>>();
      for (const member of schema?.required ?? []) expect(body, `${url} ${member}`).toHaveProperty(member);
    }
    expect(doc.components.schemas.Problem.properties.type.enum).toEqual(expect.arrayContaining(['https://careprint.example/problems/too-deep', 'https://careprint.example/problems/headers-too-large']));
  });

  it('documents exactly the headers of our own that a PDF, a packet, a FHIR answer and a problem come with', async () => {
    interface Response {
      headers?: Record<string, { $ref: string }>;
    }
    const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { post: { responses: Record<string, Response> } }>;
      components: { headers: Record<string, { description: string; schema: object }> };
    }>();
    const documented = (path: string, status: string): string[] => {
      const headers = doc.paths[path]?.post.responses[status]?.headers ?? {};
      for (const [name, value] of Object.entries(headers)) {
        // Each points to a component with a description, under the name it has on the wire.
        expect(value.$ref).toBe(`#/components/headers/${name}`);
        expect(doc.components.headers[name]?.description, name).toMatch(/\w/);
      }
      return Object.keys(headers).map((h) => h.toLowerCase()).sort();
    };
    const sent = (headers: Record<string, unknown>): string[] => Object.keys(headers).filter((h) => h.startsWith('x-') || h === 'retry-after').sort();

    const one = await post('/v1/documents/discharge', visit('iv'));
    expect(one.statusCode).toBe(200);
    expect(documented('/v1/documents/{type}', '200')).toEqual(sent(one.headers));
    expect(sent(one.headers)).toEqual(['x-careprint-document-id', 'x-careprint-documents', 'x-careprint-pages', 'x-careprint-sha256', 'x-careprint-template', 'x-content-type-options', 'x-request-id']);
    const packet = await post('/v1/packets', { visit: visit('iv') });
    expect(documented('/v1/packets', '200')).toEqual(sent(packet.headers));
    const fhir = await post('/fhir/r4/$render-document?type=discharge', readFileSync(new URL('../../fixtures/fhir/visit-bundle.json', import.meta.url), 'utf8'), { 'content-type': 'application/fhir+json' });
    expect(fhir.statusCode).toBe(200);
    expect(documented('/fhir/r4/$render-document', '200')).toEqual(sent(fhir.headers));
    const invalid = await post('/v1/documents/discharge', visitWith('iv', { patient: { birthDate: '1984-02-30' } }));
    expect(invalid.statusCode).toBe(422);
    expect(documented('/v1/documents/{type}', '422')).toEqual(sent(invalid.headers));
    // A busy or late answer says when to try again (the answers themselves are tested under "limits").
    expect(documented('/v1/documents/{type}', '503')).toEqual(['retry-after', 'x-request-id']);
    expect(documented('/fhir/r4/$render-packet', '503')).toEqual(['retry-after', 'x-request-id']);
  });
});

describe('limits', () => {
  it('answers 503 when a render passes its time limit, and the next request still works', async () => {
    const slow = await startTestServer({ renderTimeoutMs: 1 });
    try {
      const res = await slow.app.inject({ method: 'POST', url: '/v1/packets', headers: { 'content-type': 'application/json', ...auth }, payload: JSON.stringify({ visit: visit('iv') }) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json<ProblemBody>().type).toBe('https://careprint.example/problems/timeout');
      // The worker running it was stopped and replaced; a fast request still gets its answer.
      const next = await slow.app.inject({ method: 'POST', url: '/v1/validate', headers: { 'content-type': 'application/json', ...auth }, payload: JSON.stringify(visit('iv')) });
      expect(next.statusCode).toBe(204);
    } finally {
      await slow.close();
    }
  });

  it('answers 503 busy when the queue is full, and renders the rest', async () => {
    const small = await startTestServer({ jobs: 1, maxQueue: 1 });
    try {
      const address = await small.app.listen({ port: 0, host: '127.0.0.1' });
      const send = () => fetch(`${address}/v1/packets`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ visit: visit('iv') }) });
      const responses = await Promise.all(Array.from({ length: 8 }, send));
      const statuses = responses.map((r) => r.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      const busy = responses.find((r) => r.status === 503);
      expect(busy?.headers.get('retry-after')).toBe('1');
      expect(((await busy?.json()) as ProblemBody).type).toBe('https://careprint.example/problems/busy');
      expect((await send()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('request ids', () => {
  it('answers every request, good or bad, with its own id, which its log line and problem body carry', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ok = await post('/v1/documents/discharge', visit('iv'));
    const invalid = await post('/v1/documents/discharge', visitWith('iv', { patient: { birthDate: '1984-02-30' } }));
    const unknown = await post('/v1/documents/nope', visit('iv'));
    const unauthorized = await server.app.inject({ method: 'POST', url: '/v1/documents/discharge', headers: { 'content-type': 'application/json' }, payload: '{}' });
    const fhir = await post('/fhir/r4/$render-document?type=discharge', { resourceType: 'Bundle' }, { 'content-type': 'application/fhir+json' });
    const answers = [ok, invalid, unknown, unauthorized, fhir];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 422, 404, 401, 422]);
    const ids = answers.map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of [invalid, unknown, unauthorized]) expect(r.json<{ instance: string }>().instance).toBe(`urn:uuid:${r.headers['x-request-id']}`);
    // The log line of each answer is found by the id the caller was given.
    const lines = server.logs().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === ids[0] && l.msg === 'request')).toMatchObject({ status: 200, documentId: ok.headers['x-careprint-document-id'] });
    expect(lines.find((l) => l.reqId === ids[1] && l.msg === 'request')).toMatchObject({ status: 422 });
  });

  it('does not take the caller\'s id, which could hold patient data, into the log', async () => {
    const res = await post('/v1/documents/discharge', visit('iv'), { 'x-request-id': 'HL-100234-whitfield' });
    expect(res.headers['x-request-id']).not.toBe('HL-100234-whitfield');
    expect(server.logs()).not.toContain('HL-100234-whitfield');
  });
});

describe('logs', () => {
  it('log an internal error by its kind, code and stack frames, not its message, which can quote the patient', async () => {
    const run = vi.spyOn(server.pool, 'run').mockRejectedValueOnce(Object.assign(new Error('cannot encode "Dana Whitfield" (HL-100234)\nin the header'), { code: 'E_TEST' }));
    try {
      const before = server.logs().length;
      const res = await post('/v1/documents/discharge', visit('iv'));
      expect(res.statusCode).toBe(500);
      expect(res.json<ProblemBody>().detail).toBe('the service failed; the error is logged');
      const log = server.logs().slice(before);
      const line = log.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; err?: { type: string; code: string; stack: string } }).find((l) => l.msg === 'internal error');
      expect(line?.err).toMatchObject({ type: 'Error', code: 'E_TEST' });
      expect(line?.err?.stack).toMatch(/^\s+at .*api\.test\.ts/);
      for (const secret of ['Dana', 'Whitfield', 'HL-100234', 'in the header']) expect(log).not.toContain(secret);
    } finally {
      run.mockRestore();
    }
  });

  it('carry method, route, status, duration and document id, and no patient data', async () => {
    const log = server.logs();
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const ok = lines.find((l) => l.route === '/v1/documents/:type' && l.status === 200);
    expect(ok).toMatchObject({ method: 'POST', msg: 'request' });
    expect(ok?.documentId).toMatch(/^CP-DIS-/);
    expect(typeof ok?.ms).toBe('number');
    const patient = visit('iv').patient as Record<string, string>;
    const escort = visit('iv').escort as Record<string, string>;
    for (const secret of [patient.givenName, patient.familyName, patient.mrn, patient.birthDate, patient.phone, escort.name, escort.phone, testToken, '1984-02-30']) {
      expect(log, `the log must not contain ${secret}`).not.toContain(secret);
    }
  });
});
