import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxJsonDepth } from '../../src/model/jsonDepth.js';
import { fuzzParameters, fuzzTimeout } from '../helpers/fuzz.js';
import { readFixture, visit } from '../helpers/fixtures.js';
import { auth, jsonPostRoutes, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2026-11-23T21:15:00Z') });
});
afterAll(async () => {
  await server?.close();
});

const routes = jsonPostRoutes;

/** `depth` levels of arrays and objects (of the shapes given, outermost first) around a number. */
function nest(shapes: readonly ('array' | 'object')[], depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const shape = shapes[i % shapes.length];
    open += shape === 'array' ? '[' : '{"k":';
    close = (shape === 'array' ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

type Route = (typeof routes)[number];

/** A good visit (or Bundle) whose patient's birth date is `@`, in the body the route takes. */
function holder(route: Route): string {
  const v = visit('iv') as { patient: Record<string, unknown> };
  const person = { ...v, patient: { ...v.patient, birthDate: '@' } };
  if (route.url.startsWith('/fhir/')) {
    const b = readFixture('fhir/visit-bundle.json') as { entry: { resource: Record<string, unknown> }[] };
    return JSON.stringify({ ...b, entry: b.entry.map((e, i) => (i === 0 ? { ...e, resource: { ...e.resource, birthDate: '@' } } : e)) });
  }
  if (route.url === '/v1/packets') return JSON.stringify({ visit: person });
  if (route.url === '/v1/schedules' && route.type === 'application/json') return JSON.stringify([person]);
  return JSON.stringify(person);
}

/** How deep the birth date sits in `holder`'s body: visit and patient, then a packet's or a schedule's array, or Bundle, entry list, entry and Patient. */
function levelsAround(route: Route): number {
  if (route.url.startsWith('/fhir/')) return 4;
  if (route.url === '/v1/packets' || (route.url === '/v1/schedules' && route.type === 'application/json')) return 3;
  return 2;
}

/** Routes that answer a visit's problems 200 (the problems are the answer), or 422 for a schedule that is no list. */
const answersProblems = (route: Route) => route.url.startsWith('/v1/validate') || route.url === '/v1/schedules';

describe('JSON nested to any depth', () => {
  it(
    'is never answered 5xx on any POST route: deeper than the limit, 400 naming it; otherwise what the contract says of it',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom('root' as const, 'inside' as const),
          fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
          fc.oneof(fc.integer({ min: 1, max: maxJsonDepth + 2 }), fc.integer({ min: 1, max: 20_000 })),
          async (route, where, shapes, depth) => {
            const nesting = nest(shapes, depth);
            const payload = where === 'root' ? nesting : holder(route).replace('"@"', nesting);
            const res = await server.app.inject({ method: 'POST', url: route.url, headers: { 'content-type': route.type, ...auth }, payload });
            expect(res.statusCode).toBeLessThan(500);
            if (depth + (where === 'root' ? 0 : levelsAround(route)) > maxJsonDepth) {
              expect(res.statusCode).toBe(400);
              expect(res.body).toContain(`nesting deeper than ${maxJsonDepth} levels`);
            } else {
              // Read, and refused by the contract: an array or object is no birth date, nor a visit.
              expect(res.body).not.toContain('nesting deeper');
              expect(answersProblems(route) ? [200, 422] : [400, 422]).toContain(res.statusCode);
            }
          },
        ),
        fuzzParameters(60),
      );
    },
    fuzzTimeout,
  );
});
