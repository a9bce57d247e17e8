import { stringify } from 'csv-stringify/sync';
import { valueAt } from '../util/dottedPath.js';
import { extraColumnName, reportColumns, scheduleColumns } from './columns.js';
import { neutraliseCell, quotedCells } from './formulaCells.js';
import type { ManifestRow } from './manifest.js';
import type { RowCells } from './schedule.js';

/** What errors.csv shows of a row: its cells as the CSV schedule gave them, or the visit an NDJSON or JSON schedule gave. */
export interface RowSource {
  readonly input: unknown;
  readonly cells?: RowCells;
}

/** The cells of a visit from an NDJSON or JSON schedule, under the CSV columns. */
function cellsOfVisit(input: unknown): RowCells {
  const byColumn: Record<string, string> = {};
  for (const { name } of scheduleColumns) {
    const value = valueAt(input, name);
    // A list or object where text belongs is shown as the JSON it was (its depth is bounded when read).
    byColumn[name] = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return { byColumn, extra: [] };
}

/**
 * errors.csv: the invalid rows in the schedule's columns, with `row` and `problems`
 * first, ready to correct and run again. Cells a row had past the header's last column
 * follow in columns `extra 1`, `extra 2`…, so nothing of the row is lost. A spreadsheet
 * opens it: formula-like cells are neutralised and line breaks quoted (see formulaCells).
 */
export function errorsCsv(rows: readonly ManifestRow[], sources: ReadonlyMap<number, RowSource>): string {
  const columns = scheduleColumns.map((c) => c.name);
  const invalid = rows.flatMap((r) => {
    if (r.status !== 'invalid') return [];
    const source = sources.get(r.row);
    return [{ row: r, cells: source?.cells ?? cellsOfVisit(source?.input) }];
  });
  const extraCount = Math.max(0, ...invalid.map((r) => r.cells.extra.length));
  const extraColumns = Array.from({ length: extraCount }, (_, i) => extraColumnName(i + 1));
  const records = invalid.map(({ row, cells }) => [
    String(row.row),
    row.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
    ...columns.map((c) => cells.byColumn[c] ?? ''),
    ...extraColumns.map((_, i) => cells.extra[i] ?? ''),
  ]);
  const table = [[...reportColumns, ...columns, ...extraColumns], ...records].map((record) => record.map(neutraliseCell));
  return stringify(table, { bom: true, record_delimiter: 'windows', quoted_match: [...quotedCells] });
}
