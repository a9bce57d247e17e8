import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The package by its own name: what an integrator's `import ... from 'careprint'` gets
// (package.json "exports", the built library).
import * as careprint from 'careprint';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';

const readme = readFileSync(new URL('../../docs/library.md', import.meta.url), 'utf8');

describe('the package entry', () => {
  it('exports every library function docs/library.md shows', () => {
    // Calls written in docs/library.md's code spans and code blocks, such as `renderBatch(rows, …)`.
    const named = new Set([...readme.matchAll(/\b(render[A-Z]\w*|runBatch)\(/g)].map((m) => m[1] as string));
    expect(named).toEqual(new Set(['renderDocument', 'renderPacket', 'renderBatch', 'runBatch']));
    for (const name of named) expect(typeof (careprint as Record<string, unknown>)[name], name).toBe('function');
  });

  it('streams a batch through renderBatch, in row order, a bad row reported with its field path', async () => {
    const rows = [
      { row: 1, input: visit('iv') },
      { row: 2, input: visitWith('iv', { session: { start: '2026-13-01T09:00' } }) },
      { row: 3, input: visit('intranasal') },
    ];
    const results: careprint.BatchResult[] = [];
    for await (const result of careprint.renderBatch(rows, clinic(), { jobs: 1 })) results.push(result);
    expect(results.map((r) => [r.row, r.status])).toEqual([
      [1, 'ok'],
      [2, 'invalid'],
      [3, 'ok'],
    ]);
    const [first, bad] = results;
    if (first?.status !== 'ok' || bad?.status !== 'invalid') throw new Error('unexpected statuses');
    expect(new TextDecoder().decode(first.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(first.templates).toEqual([expect.stringMatching(/^discharge@/)]);
    expect(bad.problems.map((p) => p.path)).toContain('session.start');
  });
});
