import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesQuery, searchKeys } from '../../web/search.js';
import { fuzzParameters, fuzzTimeout } from '../helpers/fuzz.js';

const pad = (n: number) => String(n).padStart(2, '0');
const name = fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{1,20}$/).filter((s) => s.trim() !== '');
const mrn = fc.stringMatching(/^[A-Z]{2}-\d{3,8}$/);
const date = fc.record({ y: fc.integer({ min: 1900, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });

describe('schedule search', () => {
  it('always finds a row by its own record number, birth date in any usual writing, and any word of its name', { timeout: fuzzTimeout }, () => {
    fc.assert(
      fc.property(name, name, mrn, date, fc.integer({ min: 0, max: 40 }), (given, family, record, { y, m, d }, cut) => {
        const keys = searchKeys(given, family, record, `${y}-${pad(m)}-${pad(d)}`);
        expect(matchesQuery(keys, record)).toBe(true);
        expect(matchesQuery(keys, record.toLowerCase().replace('-', ''))).toBe(true);
        for (const typed of [`${m}/${d}/${y}`, `${d}/${m}/${y}`, `${pad(m)}.${pad(d)}.${y}`, `${y}-${m}-${d}`, `${m}/${d}`]) expect(matchesQuery(keys, typed), typed).toBe(true);
        const word = `${given} ${family}`.split(/[\s,]+/).find((w) => w !== '') ?? '';
        if (!/\d/.test(word)) expect(matchesQuery(keys, word.slice(0, Math.max(1, Math.min(word.length, cut))))).toBe(true);
      }),
      fuzzParameters(),
    );
  });
});
