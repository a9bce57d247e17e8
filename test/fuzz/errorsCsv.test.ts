import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { errorsCsv, type RowSource } from '../../src/batch/errorsCsv.js';
import { isFormulaLike, restoreCell } from '../../src/batch/formulaCells.js';
import type { ManifestRow } from '../../src/batch/manifest.js';
import { readScheduleText } from '../../src/batch/schedule.js';
import { scheduleColumns } from '../../src/batch/columns.js';
import { fuzzParameters, fuzzTimeout } from '../helpers/fuzz.js';

/** A schedule's header: the required columns and a few more, 13 in all. */
const header = ['patient.mrn', 'patient.givenName', 'patient.familyName', 'patient.birthDate', 'session.id', 'session.start', 'session.route', 'session.indication', 'session.provider.name', 'escort.name', 'escort.relationship', 'escort.phone', 'patient.phone'];

/** Any character, with those that matter to CSV and to spreadsheets often. */
const character = fc.oneof(
  fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', ';', "'", ' ', '\u00a0', '\uFF1D', '\uFF0B', '\uFEFF', '\u2028'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const cell = fc.string({ unit: character, maxLength: 12 });
/** A row of the header's 13 cells, sometimes with a few more past it. */
const row = fc.tuple(fc.array(cell, { minLength: 13, maxLength: 13 }), fc.array(cell, { maxLength: 3 })).map(([cells, extra]) => [...cells, ...extra]);

describe('errors.csv (property)', () => {
  it('reads back, with a real CSV reader, to every cell of the schedule, and holds no cell a spreadsheet runs as a formula', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 4 }), fc.constantFrom<'unix' | 'windows'>('unix', 'windows'), async (rows, lineEnd) => {
        // The schedule as a spreadsheet exports it.
        const schedule = stringify([header, ...rows], { record_delimiter: lineEnd });
        const read = [];
        for await (const r of readScheduleText(schedule, 'csv')) read.push(r);
        // Rows of blank cells are skipped on the way in, as a spreadsheet's trailing ",,,," are.
        const kept = rows.filter((cells) => !cells.every((c) => c.trim() === ''));
        expect(read).toHaveLength(kept.length);

        // Every row invalid, so every row is in errors.csv.
        const manifest: ManifestRow[] = read.map((r) => ({ row: r.row, sessionId: null, status: 'invalid', problems: [{ code: 'input_invalid', path: 'patient.birthDate', message: 'expected YYYY-MM-DD' }] }));
        const sources = new Map<number, RowSource>(read.map((r) => [r.row, { input: r.input, ...(r.cells ? { cells: r.cells } : {}) }]));
        const written = parse(errorsCsv(manifest, sources), { bom: true, relax_column_count: false }) as string[][];

        const [head, ...records] = written;
        const columns = scheduleColumns.map((c) => c.name);
        expect(head?.slice(0, 2 + columns.length)).toEqual(['row', 'problems', ...columns]);
        expect(records).toHaveLength(kept.length);
        records.forEach((record, i) => {
          for (const written of record) expect(isFormulaLike(written)).toBe(false);
          const cells = kept[i] as string[];
          // Each cell is what careprint read from the schedule, its neutralising quote aside;
          // a cell that did not start with a quote is exactly the schedule's.
          header.forEach((name, c) => {
            const back = restoreCell(record[2 + columns.indexOf(name)] ?? '');
            expect(back).toBe(restoreCell(cells[c] ?? ''));
            if (!(cells[c] ?? '').startsWith("'")) expect(back).toBe(cells[c]);
          });
          // Columns the schedule did not have are empty; the cells past its header follow in order.
          columns.forEach((name, c) => {
            if (!header.includes(name)) expect(record[2 + c]).toBe('');
          });
          const extra = record.slice(2 + columns.length).map(restoreCell);
          while (extra.length > 0 && extra[extra.length - 1] === '') extra.pop();
          const expectedExtra = cells.slice(13).map(restoreCell);
          while (expectedExtra.length > 0 && expectedExtra[expectedExtra.length - 1] === '') expectedExtra.pop();
          expect(extra).toEqual(expectedExtra);
        });
      }),
      fuzzParameters(200),
    );
  }, fuzzTimeout);
});
