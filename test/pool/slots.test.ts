import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/pool/slots.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('serves waiters strictly in the order they came, under steady churn, and never hands out more than its size', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    let holding = 0;
    let most = 0;
    const jobs = Array.from({ length: 200 }, (_, n) =>
      slots.acquire().then(async () => {
        started.push(n);
        most = Math.max(most, ++holding);
        await tick();
        holding--;
        slots.release();
      }),
    );
    await Promise.all(jobs);
    expect(started).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect(most).toBe(2);
  });

  it('lets a waiter whose signal aborts go with the reason, and gives its turn to the next', async () => {
    const slots = new Slots(1);
    await slots.acquire();
    const gone = new AbortController();
    const order: string[] = [];
    const a = slots.acquire(gone.signal).then(() => order.push('a'), (reason: unknown) => order.push(`a gave up: ${String(reason)}`));
    const b = slots.acquire(new AbortController().signal).then(() => order.push('b'));
    gone.abort('too late');
    await a;
    slots.release();
    await b;
    expect(order).toEqual(['a gave up: too late', 'b']);
  });

  it('refuses at once a signal that is aborted already, without taking a slot', async () => {
    const slots = new Slots(1);
    await expect(slots.acquire(AbortSignal.abort('closed'))).rejects.toBe('closed');
    let got = false;
    await slots.acquire().then(() => (got = true));
    expect(got).toBe(true);
  });

  it('serves late waiters after many have come and gone', async () => {
    const slots = new Slots(1);
    await slots.acquire();
    const served: number[] = [];
    const waits = Array.from({ length: 300 }, (_, n) => slots.acquire().then(() => served.push(n)));
    for (let n = 0; n < 300; n++) {
      slots.release();
      await waits[n];
    }
    expect(served).toEqual(Array.from({ length: 300 }, (_, n) => n));
  });

  it('turns away every waiter at once, and serves new ones after', async () => {
    const slots = new Slots(1);
    await slots.acquire();
    const turned = [slots.acquire(), slots.acquire(new AbortController().signal)].map((p) => p.then(() => 'served', (reason: unknown) => String(reason)));
    slots.rejectWaiting('stopped');
    expect(await Promise.all(turned)).toEqual(['stopped', 'stopped']);
    const later = slots.acquire();
    slots.release();
    await later;
  });
});
