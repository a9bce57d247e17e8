import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClinic } from '../../src/model/parseVisit.js';
import { RenderAbortedError, RenderPool } from '../../src/pool/renderPool.js';
import { HttpProblem } from '../../src/server/httpProblem.js';
import { RenderService, type RenderRequest } from '../../src/server/renderService.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';

let pool: RenderPool;
beforeAll(() => {
  pool = new RenderPool({ jobs: 1 });
});
afterAll(async () => {
  await pool.destroy();
});

const request = (v: unknown, signal: AbortSignal = new AbortController().signal): RenderRequest => ({ visit: v, docs: ['discharge'], packet: false, lang: undefined, paper: 'letter', duplex: false, signal });

describe('RenderService', () => {
  it('leaves no timer of its time limit behind a render, whether it printed, was refused or its caller went away', async () => {
    // A time limit no other timer in the process has, to tell the service's timers apart.
    const limitMs = 12_345;
    const live = new Set<number>();
    let made = 0;
    const hook = createHook({
      init(id, type, _trigger, resource) {
        if (type === 'Timeout' && (resource as { _idleTimeout?: number })._idleTimeout === limitMs) {
          live.add(id);
          made++;
        }
      },
      destroy(id) {
        live.delete(id);
      },
    }).enable();
    try {
      const service = new RenderService(pool, parseClinic(clinic()), limitMs);
      for (let i = 0; i < 3; i++) expect((await service.render(request(visit('iv')))).status).toBe('ok');
      await expect(service.render(request(visitWith('iv', { patient: { birthDate: '1984-02-30' } })))).rejects.toBeInstanceOf(HttpProblem);
      // A caller who goes away while the render waits for the one worker: given up, not timed out.
      const first = service.render(request(visit('iv')));
      const gone = new AbortController();
      const second = service.render(request(visit('iv'), gone.signal));
      gone.abort();
      await expect(second).rejects.toBeInstanceOf(RenderAbortedError);
      expect((await first).status).toBe('ok');
      expect(made).toBe(6);
      // Timers are reported destroyed on a later turn of the event loop; the time limit's
      // own would not be until 12 s from now.
      await expect.poll(() => live.size, { timeout: 2_000 }).toBe(0);
    } finally {
      hook.disable();
    }
  });

  it('answers a render past its time limit with a timeout problem that says when to retry', async () => {
    // A pool of its own, whose worker has not rendered yet: its first packet takes far
    // longer than the 1 ms limit (a warm worker can print a sheet within it).
    const cold = new RenderPool({ jobs: 1 });
    try {
      const service = new RenderService(cold, parseClinic(clinic()), 1);
      const error = await service.render({ ...request(visit('iv')), docs: ['consent', 'side-effects', 'fasting', 'discharge'], packet: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpProblem);
      expect((error as HttpProblem).kind).toBe('timeout');
      expect((error as HttpProblem).headers).toEqual({ 'retry-after': '5' });
      // The worker stopped at the limit is replaced: the next render prints.
      expect((await new RenderService(cold, parseClinic(clinic()), 10_000).render(request(visit('iv')))).status).toBe('ok');
    } finally {
      await cold.destroy();
    }
  });
});
