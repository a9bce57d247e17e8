import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { parseClinic } from '../../src/model/parseVisit.js';
import { RenderPool } from '../../src/pool/renderPool.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { TokenSet } from '../../src/server/tokens.js';
import { clinic } from './fixtures.js';

export const testToken = 'test-token-0123456789abcdef';
export const auth = { authorization: `Bearer ${testToken}` };

export interface TestServer {
  readonly app: FastifyInstance;
  readonly pool: RenderPool;
  /** Every log line written so far. */
  logs(): string;
  close(): Promise<void>;
}

/** The service with a one-worker pool, a test token and its log captured. */
export async function startTestServer(options: Partial<Omit<ServerOptions, 'pool' | 'log'>> & { jobs?: number; maxQueue?: number } = {}): Promise<TestServer> {
  const lines: string[] = [];
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const pool = new RenderPool({ jobs: options.jobs ?? 1, ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}) });
  const app = buildServer({ clinic: parseClinic(clinic()), tokens: new TokenSet([testToken]), ...options, pool, log });
  await app.ready();
  return {
    app,
    pool,
    logs: () => lines.join(''),
    close: async () => {
      await app.close();
      await pool.destroy();
    },
  };
}

/** Every POST route that reads a JSON body, with the media type it is sent as. */
export const jsonPostRoutes = [
  { url: '/v1/documents/discharge', type: 'application/json' },
  { url: '/v1/documents/consent?lang=es', type: 'application/json' },
  { url: '/v1/packets', type: 'application/json' },
  { url: '/v1/validate?docs=discharge', type: 'application/json' },
  { url: '/v1/schedules', type: 'application/json' },
  { url: '/v1/schedules', type: 'application/x-ndjson' },
  { url: '/fhir/r4/$render-document?type=discharge', type: 'application/fhir+json' },
  { url: '/fhir/r4/$render-packet', type: 'application/fhir+json' },
] as const;
