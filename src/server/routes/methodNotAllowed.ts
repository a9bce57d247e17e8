import type { FastifyInstance, HTTPMethods } from 'fastify';
import { HttpProblem } from '../httpProblem.js';

/** The methods a route of this service can be asked with; HEAD follows GET. */
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Collects each route's methods as it is registered, for `answerOtherMethods`. */
export function collectRouteMethods(app: FastifyInstance): Map<string, Set<string>> {
  const byUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const set = byUrl.get(route.url) ?? new Set<string>();
    for (const method of ([] as string[]).concat(route.method)) set.add(method.toUpperCase());
    byUrl.set(route.url, set);
  });
  return byUrl;
}

/**
 * A route asked with a method it does not have (GET on an operation that takes a POST)
 * answers 405 with `Allow`, not 404, which would say the URL is wrong. The answer comes
 * before the body is read, so a PUT's body cannot turn it into a 400.
 */
export function answerOtherMethods(app: FastifyInstance, byUrl: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [url, has] of [...byUrl]) {
    const others = methods.filter((m) => !has.has(m));
    if (others.length === 0) continue;
    const allow = [...methods.filter((m) => has.has(m)), ...(has.has('GET') ? ['HEAD'] : [])].join(', ');
    app.route({
      method: others as HTTPMethods[],
      url,
      onRequest: async (request) => {
        throw new HttpProblem('methodNotAllowed', `${request.method} is not a method of ${url}; use ${allow}`, { headers: { allow } });
      },
      handler: async () => undefined,
    });
  }
}
