import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { sharedMetrics } from '../../src/fonts/fontkitMetrics.js';
import { parseClinic } from '../../src/model/parseVisit.js';
import { prepareVisit } from '../../src/render.js';
import { clinic, readFixture, visit } from '../helpers/fixtures.js';
import { auth, jsonPostRoutes, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const fixedNow = new Date('2026-11-23T21:15:00Z');
beforeAll(async () => {
  server = await startTestServer({ now: () => fixedNow });
});
afterAll(async () => {
  await server?.close();
});

const send = (method: 'POST' | 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD', url: string, payload?: string, contentType = 'application/json') =>
  server.app.inject({ method, url, headers: { ...(payload !== undefined ? { 'content-type': contentType } : {}), ...auth }, ...(payload !== undefined ? { payload } : {}) });

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  problems?: { code: string; path: string; message: string }[];
}
interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; details: { text: string }; diagnostics?: string; expression?: string[] }[];
}

const nested = (depth: number, inner = '0') => '['.repeat(depth) + inner + ']'.repeat(depth);
const bundleText = () => JSON.stringify(readFixture('fhir/visit-bundle.json'));


describe('deep JSON', () => {
  it('refuses 5,000 nested brackets on every POST route with 400 naming the limit, before any worker sees it (it was a 500)', async () => {
    const run = vi.spyOn(server.pool, 'run');
    try {
      for (const { url, type } of jsonPostRoutes) {
        const res = await send('POST', url, nested(5000), type);
        expect(res.statusCode, url).toBe(400);
        if (url.startsWith('/fhir/')) {
          expect(res.headers['content-type'], url).toContain('application/fhir+json');
          const outcome = res.json<Outcome>();
          expect(outcome.issue[0]?.details.text, url).toBe('nesting deeper than 64 levels');
          continue;
        }
        expect(res.headers['content-type'], url).toContain('application/problem+json');
        const body = res.json<ProblemBody>();
        expect(body.type, url).toBe('https://careprint.example/problems/too-deep');
        expect(body.detail, url).toContain('nesting deeper than 64 levels');
        expect(body.problems, url).toEqual([{ code: 'input_invalid', path: type === 'application/x-ndjson' ? 'line 1' : '(root)', message: 'nesting deeper than 64 levels' }]);
      }
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });

  it('counts the nesting inside a visit, and reads a body at the limit as usual', async () => {
    const v = visit('iv') as { patient: Record<string, unknown> };
    const deep = JSON.stringify({ ...v, patient: { ...v.patient, givenName: '@' } }).replace('"@"', nested(63));
    expect((await send('POST', '/v1/validate', deep)).json<ProblemBody>().type).toBe('https://careprint.example/problems/too-deep');
    // 62 brackets inside the visit and the patient: 64 levels, which is read and refused by the contract.
    const atLimit = JSON.stringify({ ...v, patient: { ...v.patient, givenName: '@' } }).replace('"@"', nested(62));
    const res = await send('POST', '/v1/validate', atLimit);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toEqual(['patient.givenName']);
  });

  it('names the NDJSON line that nests too deep', async () => {
    const res = await send('POST', '/v1/schedules', `${JSON.stringify(visit('iv'))}\n\n${nested(65)}\n`, 'application/x-ndjson');
    expect(res.statusCode).toBe(400);
    expect(res.json<ProblemBody>().problems?.[0]?.path).toBe('line 3');
    // A string holding brackets is not nesting.
    const quoted = await send('POST', '/v1/schedules', JSON.stringify({ ...visit('iv'), escort: { ...(visit('iv').escort as object), name: '['.repeat(100) } }), 'application/x-ndjson');
    expect(quoted.statusCode).toBe(200);
  });
});

describe('__proto__ and constructor keys', () => {
  /** The problems the library (and so the command line) finds in the same text. */
  const libraryProblems = (text: string) => {
    try {
      prepareVisit(JSON.parse(text), parseClinic(clinic()), sharedMetrics(), { nowMs: fixedNow.getTime() });
      return [];
    } catch (error) {
      if (!(error instanceof CareprintError)) throw error;
      return error.problems.map(({ code, path, message }) => ({ code, path, message }));
    }
  };

  it('answers them as unknown fields at their path, as the command line does, not "could not be parsed as JSON"', async () => {
    const text = JSON.stringify(visit('iv')).replace(/^\{/, '{"__proto__":{"polluted":"yes"},').replace('"patient":{', '"patient":{"constructor":{"prototype":{"polluted":"yes"}},');
    const expected = [
      { code: 'input_invalid', path: '(root)', message: 'unknown field "__proto__"' },
      { code: 'input_invalid', path: 'patient', message: 'unknown field "constructor"' },
    ];
    expect(libraryProblems(text)).toEqual(expect.arrayContaining(expected));
    for (const url of ['/v1/documents/discharge', '/v1/validate']) {
      const res = await send('POST', url, text);
      const problems = url === '/v1/validate' ? (expect(res.statusCode).toBe(200), res.json<{ problems: unknown[] }>().problems) : (expect(res.statusCode, url).toBe(422), res.json<ProblemBody>().problems);
      expect(problems, url).toEqual(libraryProblems(text));
    }
    const packet = await send('POST', '/v1/packets', `{"__proto__":{"polluted":"yes"},"visit":${text}}`);
    expect(packet.statusCode).toBe(400);
    expect(packet.json<ProblemBody>().problems).toEqual([{ code: 'input_invalid', path: '(root)', message: 'unknown field "__proto__"' }]);
    // Read as keys, never as a prototype: nothing leaked onto every object.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reads a FHIR Bundle with such a key as a Bundle, whose unmapped keys are ignored', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/fhir/r4/$render-document?type=discharge',
      headers: { 'content-type': 'application/fhir+json', ...auth },
      payload: bundleText().replace(/^\{/, '{"__proto__":{"resourceType":"Patient"},'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ resourceType: string }>().resourceType).toBe('DocumentReference');
    expect(({} as Record<string, unknown>)['resourceType']).toBeUndefined();
  });
});

describe('methods', () => {
  it('answers GET, PUT and DELETE on the FHIR operations 405 with Allow: POST, as an OperationOutcome (it was a 404)', async () => {
    for (const url of ['/fhir/r4/$render-document', '/fhir/r4/$render-packet']) {
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const res = await send(method, `${url}?type=discharge`, method === 'PUT' ? bundleText() : undefined, 'application/fhir+json');
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers['allow']).toBe('POST');
        expect(res.headers['content-type']).toContain('application/fhir+json');
        const outcome = res.json<Outcome>();
        expect(outcome.resourceType).toBe('OperationOutcome');
        expect(outcome.issue[0]?.code).toBe('not-supported');
        expect(outcome.issue[0]?.details.text).toContain('use POST');
      }
    }
  });

  it('answers GET on the POST routes of /v1 405 with Allow: POST, and a POST on a GET route with Allow: GET, HEAD', async () => {
    for (const url of ['/v1/documents/discharge', '/v1/packets', '/v1/validate', '/v1/schedules']) {
      const res = await send('GET', url);
      expect(res.statusCode, url).toBe(405);
      expect(res.headers['allow'], url).toBe('POST');
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json<ProblemBody>().type).toBe('https://careprint.example/problems/method-not-allowed');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Refused before the body is read: a PUT with a body that is not JSON is still a 405.
    expect((await send('PUT', '/v1/packets', '{"visit":')).statusCode).toBe(405);
    const health = await server.app.inject({ method: 'POST', url: '/healthz' });
    expect(health.statusCode).toBe(405);
    expect(health.headers['allow']).toBe('GET, HEAD');
    expect((await send('DELETE', '/v1/documents')).headers['allow']).toBe('GET, HEAD');
    // A path that is no route stays a 404.
    expect((await send('GET', '/v1/nothing')).statusCode).toBe(404);
    // The token is still asked for first.
    expect((await server.app.inject({ method: 'GET', url: '/v1/packets' })).statusCode).toBe(401);
  });
});

describe('answers the router gives', () => {
  it('answers a path with a broken %-escape 400, and an overlong document type 414, as problem details', async () => {
    const bad = await send('POST', '/v1/documents/%E0%A4%A', JSON.stringify(visit('iv')));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<ProblemBody>().detail).toBe('the path has a %-escape that is not UTF-8');
    const long = await send('POST', `/v1/documents/${'d'.repeat(150)}`, JSON.stringify(visit('iv')));
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json<ProblemBody>().type).toBe('https://careprint.example/problems/uri-too-long');
    expect(long.headers['x-request-id']).toBe(long.json<ProblemBody>().instance?.replace('urn:uuid:', ''));
  });

  it('sends a PDF with X-Content-Type-Options: nosniff', async () => {
    const res = await send('POST', '/v1/documents/discharge', JSON.stringify(visit('iv')));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

/** Sends raw bytes to a listening service and reads the answer until the connection closes. */
function rawRequest(port: number, bytes: string, end = true): Promise<{ status: number; headers: Record<string, string>; body: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closed: true });
    });
    if (end) socket.end(bytes);
    else socket.write(bytes);
  });
}

describe("what Node's HTTP parser refuses", () => {
  it('answers as problem details with a correct Content-Length, a request id and Connection: close (they were plain JSON)', async () => {
    const listening = await startTestServer();
    try {
      await listening.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = listening.app.server.address() as AddressInfo;
      const body = JSON.stringify(visit('iv'));
      const cases: [string, string, number, string][] = [
        ['a header of 20 KB', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers-too-large'],
        ['a URL of 20 KB', `GET /healthz?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers-too-large'],
        ['a Content-Length that is no number', `POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: lots\r\n\r\n${body}`, 400, 'bad-request'],
        ['Content-Length beside Transfer-Encoding', `POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400, 'bad-request'],
        ['bytes that are not HTTP', 'HELLO\r\n\r\n', 400, 'bad-request'],
      ];
      for (const [what, bytes, status, type] of cases) {
        const res = await rawRequest(port, bytes);
        expect(res.status, what).toBe(status);
        expect(res.headers['content-type'], what).toBe('application/problem+json; charset=utf-8');
        expect(Number(res.headers['content-length']), what).toBe(Buffer.byteLength(res.body));
        expect(res.headers['connection'], what).toBe('close');
        const problem = JSON.parse(res.body) as ProblemBody;
        expect(problem.status, what).toBe(status);
        expect(problem.type, what).toBe(`https://careprint.example/problems/${type}`);
        expect(problem.instance, what).toBe(`urn:uuid:${res.headers['x-request-id']}`);
      }
      // A request whose headers do not arrive within Node's headersTimeout: Node reports it on the
      // connection, which is answered 408 the same way.
      const sockets: Socket[] = [];
      listening.app.server.on('connection', (s: Socket) => sockets.push(s));
      const slow = rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', false);
      await vi.waitFor(() => expect(sockets).toHaveLength(1));
      listening.app.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), sockets[0]);
      const timedOut = await slow;
      expect(timedOut.status).toBe(408);
      expect(JSON.parse(timedOut.body)).toMatchObject({ status: 408, type: 'https://careprint.example/problems/request-timeout' });
      // The service still answers afterwards.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // Logged by status and the parser's code only.
      const lines = listening.logs().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['route'] === 'unread');
      expect(lines.map((l) => l['status'])).toEqual([...cases.map((c) => c[2]), 408]);
      expect(listening.logs()).not.toContain('aaaa');
    } finally {
      await listening.close();
    }
  });
});
