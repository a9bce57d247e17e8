import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../src/util/recentCache.js';

describe('RecentCache', () => {
  it('keeps a value used by every document through any number of values used once', () => {
    const cache = new RecentCache<string, number>(4);
    let made = 0;
    const make = (k: string) => {
      made++;
      return k.length;
    };
    cache.getOrMake('template paragraph', make);
    for (let i = 0; i < 100; i++) {
      cache.getOrMake(`patient ${i}`, make);
      cache.getOrMake(`patient ${i} again`, make);
      expect(cache.getOrMake('template paragraph', make)).toBe(18);
    }
    expect(made).toBe(1 + 200);
  });

  it('holds at most twice its size, and forgets what is not used', () => {
    const cache = new RecentCache<number, number>(3);
    for (let i = 0; i < 50; i++) cache.getOrMake(i, (k) => k * k);
    expect(cache.entries).toBeLessThanOrEqual(6);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(49)).toBe(2401);
  });
});

describe('RecentCache with secondUse', () => {
  it('keeps a value from its second use on, and never one used once', () => {
    const cache = new RecentCache<string, number>(4, { secondUse: true });
    let made = 0;
    const make = (k: string) => {
      made++;
      return k.length;
    };
    for (let i = 0; i < 100; i++) {
      expect(cache.getOrMake('template paragraph', make)).toBe(18);
      cache.getOrMake(`patient ${i}`, make);
    }
    expect(made).toBe(2 + 100);
    expect(cache.entries).toBe(1);
    expect(cache.get('patient 99')).toBeUndefined();
  });
});
