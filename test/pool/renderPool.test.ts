import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { maxJobs, poolJobs } from '../../src/pool/jobs.js';
import { PoolDestroyedError, RenderPool } from '../../src/pool/renderPool.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visitWith } from '../helpers/fixtures.js';

const task = (n: number) => ({ input: visitWith('iv', { patient: { mrn: `HL-90${n}` }, session: { id: `S-${n}` } }), clinic: clinic(), docs: ['discharge'], lang: undefined, paper: 'letter' as const, duplex: false });

const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);

afterEach(() => {
  process.off('uncaughtException', record);
});

describe('RenderPool', () => {
  it('starts the cores\' number of workers by default, and never more than twice the cores', async () => {
    const cores = availableParallelism();
    expect(maxJobs()).toBe(2 * cores);
    expect([poolJobs(), poolJobs(1), poolJobs(0), poolJobs(2 * cores), poolJobs(2 * cores + 1), poolJobs(10_000)]).toEqual([cores, 1, 1, 2 * cores, 2 * cores, 2 * cores]);
    // A mistyped count starts the most, not ten thousand threads.
    const pool = new RenderPool({ jobs: 10_000 });
    try {
      expect(pool.jobs).toBe(2 * cores);
      expect((await pool.run(task(1))).status).toBe('ok');
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('kerns characters the stored table lacks as the library does (the bundle loads fontkit\'s tables when first read)', async () => {
    // Ł, Ĳ and Ş are outside the stored kerning table, so their pairs are learnt from
    // fontkit's layout, which reads the Unicode table that the bundle inflates lazily.
    const input = visitWith('iv', { patient: { givenName: 'Łukasz Ōta', familyName: 'Ĳssel-Şahin' } });
    const pool = new RenderPool({ jobs: 1 });
    try {
      const outcome = await pool.run({ input, clinic: clinic(), docs: ['discharge'], lang: undefined, paper: 'letter', duplex: false });
      const library = await renderDocument('discharge', input, clinic());
      expect(outcome.status).toBe('ok');
      if (outcome.status !== 'ok') return;
      expect(Buffer.compare(Buffer.from(outcome.bytes), Buffer.from(library.bytes))).toBe(0);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('takes the answers still on their way when it is destroyed, without ending the process or quoting them', async () => {
    // A batch destroys its pool while renders are in flight when a file cannot be written.
    // Piscina then emits an error for each late answer, whose message quotes the answer
    // (the patient's name and record number); with no listener Node ended the process.
    process.on('uncaughtException', record);
    const reported: string[] = [];
    for (let round = 0; round < 4; round++) {
      const pool = new RenderPool({ jobs: 2, tasksPerWorker: 2, onPoolError: (kind) => reported.push(kind) });
      // Enough renders that some are still waiting when the pool goes: with two-page sheets,
      // 40 could all finish inside the busy spell below, and the test then proved nothing.
      const runs = Array.from({ length: 200 }, (_, n) => pool.run(task(n)).then(
        (outcome) => outcome.status,
        () => 'stopped',
      ));
      await runs[1];
      // Busy while the workers finish more renders: their answers wait in the queue.
      const until = Date.now() + 60;
      while (Date.now() < until);
      await pool.destroy();
      const statuses = await Promise.all(runs);
      expect(statuses.every((s) => s === 'ok' || s === 'stopped')).toBe(true);
      expect(statuses).toContain('stopped');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught.map((e) => (e instanceof Error ? e.message.slice(0, 40) : String(e)))).toEqual([]);
    expect(reported).toEqual([]);
  }, 60_000);

  it('starts tasks with a time limit in the order they came, so none waits behind later ones', async () => {
    // Piscina's own queue sends the next waiting task to the back each time a worker
    // frees, so under load an early request could wait behind many later ones.
    const pool = new RenderPool({ jobs: 1 });
    try {
      const finished: number[] = [];
      const runs = Array.from({ length: 8 }, (_, n) => pool.run(task(n), new AbortController().signal).then(() => finished.push(n)));
      await Promise.all(runs);
      expect(finished).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('gives up a task whose signal aborts while it waits, and finishes the rest; close waits for those still waiting', async () => {
    const pool = new RenderPool({ jobs: 1 });
    const gone = new AbortController();
    const runs = [0, 1, 2, 3].map((n) => pool.run(task(n), n === 2 ? gone.signal : undefined).then((o) => o.status, (e: unknown) => (e instanceof Error ? e.name : 'other')));
    gone.abort();
    const closed = pool.close();
    expect(await Promise.all(runs)).toEqual(['ok', 'ok', 'RenderAbortedError', 'ok']);
    await closed;
  }, 60_000);

  it('turns away the tasks still waiting for a worker when it is destroyed, and any task run after', async () => {
    const pool = new RenderPool({ jobs: 1 });
    const runs = Array.from({ length: 6 }, (_, n) => pool.run(task(n)).then((o) => o.status, (e: unknown) => (e instanceof Error ? e.name : 'other')));
    await runs[0];
    await pool.destroy();
    const statuses = await Promise.all(runs);
    expect(statuses[0]).toBe('ok');
    // The task running when it was destroyed may finish or be stopped; none of the waiting ones starts.
    expect(statuses.slice(2)).toEqual(['PoolDestroyedError', 'PoolDestroyedError', 'PoolDestroyedError', 'PoolDestroyedError']);
    await expect(pool.run(task(9))).rejects.toBeInstanceOf(PoolDestroyedError);
  }, 60_000);
});
