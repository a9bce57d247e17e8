import { accessSync, closeSync, constants, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { CareprintError, type Problem } from '../errors.js';
import { isTooDeep, jsonDepthReason, maxJsonDepth, valueDepth } from '../model/jsonDepth.js';
import { jsonSyntaxReason } from '../util/jsonErrors.js';
import { isExtraColumn, reportColumns, scheduleColumns } from './columns.js';
import { restoreCell } from './formulaCells.js';
import type { ScheduleFormat } from './scheduleFormat.js';

export { formatOf, type ScheduleFormat } from './scheduleFormat.js';

/** One row of a schedule: its 1-based number among the data rows, and the visit as read. */
export interface ScheduleRow {
  readonly row: number;
  readonly input: unknown;
  /** Problems found while reading the row (not JSON, wrong number of cells). */
  readonly problems: readonly Problem[];
  /** A CSV row's cells as read, for errors.csv to give back as they were. */
  readonly cells?: RowCells;
}

/**
 * A CSV row's cells (with a spreadsheet's neutralising quote taken off, see
 * formulaCells), by column, and those past the header's last column or in its `extra N`
 * columns, up to the last that is not empty.
 */
export interface RowCells {
  readonly byColumn: Readonly<Record<string, string>>;
  readonly extra: readonly string[];
}

const columnTypes = new Map(scheduleColumns.map((c) => [c.name, c.type]));

/**
 * Dotted cells to a nested visit. Cells are trimmed: exports often pad them, and " iv"
 * or "2026-11-24T09:00 " would be refused for a space nobody can see. Integer cells that
 * are not numbers stay text so validation names them.
 */
export function rowToVisit(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const visit: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const raw = (cells[i] ?? '').trim();
    if (raw === '' || !columnTypes.has(name)) return;
    const value = columnTypes.get(name) === 'integer' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    const parts = name.split('.');
    let node = visit;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1] as string] = value;
  });
  return visit;
}

/**
 * A CSV schedule's first line, checked before parsing, which would otherwise stop on the
 * first quote it meets, with a message quoting that row: JSON saved with a .csv name, and
 * "CSV" saved with semicolons (Excel in some regions) or tabs, whose header has no comma.
 */
function checkCsvFirstLine(firstLine: string): void {
  const opening = firstLine.replace(/^\uFEFF/, '').trimStart()[0];
  if (opening === '{' || opening === '[') {
    throw CareprintError.of('input_invalid', 'schedule', `this CSV schedule holds JSON (${opening === '{' ? 'one visit per line, NDJSON' : 'an array'}), not a header row and cells`, {
      hint: opening === '{' ? 'name the file .ndjson, or give --format ndjson' : 'name the file .json, or give --format json',
    });
  }
  const separator = firstLine.includes(',') ? undefined : /[;\t]/.exec(firstLine)?.[0];
  if (separator) {
    throw CareprintError.of('input_invalid', 'schedule', `the columns are separated by ${separator === ';' ? 'semicolons' : 'tabs'}, not commas`, {
      hint: 'save the schedule as "CSV UTF-8 (Comma delimited)", or as NDJSON',
    });
  }
}

function firstLineOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split('\n', 1)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

const knownColumns: readonly string[] = [...scheduleColumns.map((c) => c.name), ...reportColumns];
const knownByLowerCase = new Map(knownColumns.map((name) => [name.toLowerCase(), name]));

/** A header cell as careprint names the column: spreadsheets and exports change the case ("Patient.MRN"). */
function columnName(cell: string): string {
  const name = restoreCell(cell).trim();
  if (isExtraColumn(name)) return name.toLowerCase().replace(/\s+/, ' ');
  return knownByLowerCase.get(name.toLowerCase()) ?? name;
}

/** Edits (insert, delete, replace) from one text to another. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known column an unknown one is most likely a misspelling of: within two edits
 * (one for every five letters, so "foo" suggests nothing), and the only one that close.
 */
function likelyColumn(name: string): string | undefined {
  const lower = name.toLowerCase();
  const allowed = Math.min(2, Math.floor(name.length / 5));
  const scored = knownColumns.map((known) => ({ known, edits: editDistance(lower, known.toLowerCase()) })).filter((c) => c.edits <= allowed);
  const best = Math.min(...scored.map((c) => c.edits));
  const closest = scored.filter((c) => c.edits === best);
  return closest.length === 1 ? closest[0]?.known : undefined;
}

function checkHeader(header: readonly string[]): void {
  const known = new Set<string>([...knownColumns, ...header.filter(isExtraColumn)]);
  // No column careprint knows: most likely a schedule exported without its header row, so
  // the first row is a patient's. Its cells are not repeated.
  if (!header.some((name) => knownColumns.includes(name))) {
    throw CareprintError.of('input_invalid', 'schedule', 'the first row names no column careprint knows; it must be a header row such as patient.mrn,patient.givenName,…', {
      hint: 'careprint schema schedule lists the columns',
    });
  }
  const problems: Problem[] = [];
  header.forEach((name, i) => {
    if (!known.has(name)) {
      const likely = likelyColumn(name);
      problems.push({ code: 'input_invalid', path: `schedule column ${i + 1}`, message: `unknown column "${name}"`, hint: `${likely ? `did you mean ${likely}? ` : ''}careprint schema schedule lists the columns` });
    }
    else if (header.indexOf(name) !== i) problems.push({ code: 'input_invalid', path: `schedule column ${i + 1}`, message: `column "${name}" appears twice` });
  });
  const missing = scheduleColumns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) problems.push({ code: 'input_invalid', path: 'schedule', message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  if (problems.length > 0) throw new CareprintError(problems);
}

/** A row's cells for errors.csv: by column, and the rest in order (see RowCells). */
function rowCells(header: readonly string[], cells: readonly string[]): RowCells {
  const byColumn: Record<string, string> = {};
  const extra: string[] = [];
  header.forEach((name, i) => {
    if (isExtraColumn(name)) extra.push(cells[i] ?? '');
    else if (columnTypes.has(name)) byColumn[name] = cells[i] ?? '';
  });
  extra.push(...cells.slice(header.length));
  while (extra.length > 0 && extra[extra.length - 1] === '') extra.pop();
  return { byColumn, extra };
}

async function* csvRows(source: Readable): AsyncGenerator<ScheduleRow> {
  // pipeline, not pipe: a read error of the file reaches the loop below instead of being
  // an unhandled 'error' event that ends the process.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  pipeline(source, parser, () => undefined);
  let header: string[] | undefined;
  let row = 0;
  for await (const record of parser as AsyncIterable<{ record: string[] }>) {
    const cells = record.record;
    if (!header) {
      header = cells.map(columnName);
      checkHeader(header);
      continue;
    }
    // A row of empty cells (a spreadsheet exports them after the last patient, as ",,,,")
    // holds nothing to print or lose, so it is skipped as an empty line is.
    if (cells.every((cell) => cell.trim() === '')) continue;
    row++;
    const read = cells.map(restoreCell);
    // The cells past the header's last column are kept for errors.csv (see rowCells).
    const problems: Problem[] = cells.length === header.length ? [] : [{ code: 'input_invalid', path: 'row', message: `has ${cells.length} cells; the header has ${header.length}` }];
    header.forEach((name, i) => {
      if (isExtraColumn(name) && (read[i] ?? '').trim() !== '') problems.push({ code: 'input_invalid', path: name, message: 'a cell past the schedule\'s columns (its row had more cells than the header): move it into its column, or empty it' });
    });
    yield { row, input: rowToVisit(header, read), problems, cells: rowCells(header, read) };
  }
  if (!header) throw CareprintError.of('input_invalid', 'schedule', 'the file is empty; the first row must name the columns');
}

/** Lines of a text stream (LF or CRLF); a read error of the stream is thrown, as readline would not. */
async function* textLines(source: AsyncIterable<string>): AsyncGenerator<string> {
  const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  let rest = '';
  for await (const chunk of source) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    yield* parts.map(withoutCr);
  }
  if (rest !== '') yield withoutCr(rest);
}

/** A row nested deeper than any visit: it is not read, and says why. */
const tooDeep: Problem = { code: 'input_invalid', path: 'row', message: `${jsonDepthReason}; a visit nests 3` };

function notOneVisitPerLine(array: boolean): CareprintError {
  return array
    ? CareprintError.of('input_invalid', 'schedule', 'this NDJSON schedule is a JSON array of visits, not one visit per line', { hint: 'name the file .json, or give --format json' })
    : CareprintError.of('input_invalid', 'schedule', 'this NDJSON schedule has a visit written over several lines; NDJSON needs each visit on one line', { hint: 'write one visit per line, or put the visits in a JSON array in a .json file' });
}

async function* ndjsonRows(source: Readable): AsyncGenerator<ScheduleRow> {
  const lines = textLines(source as AsyncIterable<string>);
  let line = 0;
  let row = 0;
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    row++;
    // Measured before parsing: a row nested thousands deep would end the whole run in a
    // RangeError wherever it is next read (hashed, validated, sent to a worker).
    if (isTooDeep(trimmed)) {
      if (row === 1 && trimmed.startsWith('[')) throw notOneVisitPerLine(true);
      yield { row, input: null, problems: [tooDeep] };
      continue;
    }
    let input: unknown;
    try {
      input = JSON.parse(trimmed);
    } catch (error) {
      // A first line that is not a whole visit but opens one: the file is one JSON document
      // (an array, or a visit over several lines), and every line of it would be a "row".
      if (row === 1 && (trimmed.startsWith('[') || trimmed.startsWith('{'))) throw notOneVisitPerLine(trimmed.startsWith('['));
      yield { row, input: null, problems: [{ code: 'input_invalid', path: 'row', message: `not valid JSON (${jsonSyntaxReason(error)})` }] };
      continue;
    }
    if (row === 1 && Array.isArray(input)) throw notOneVisitPerLine(true);
    yield { row, input, problems: [] };
  }
}

/** What a .json schedule (its text without a BOM) that is not JSON holds instead: NDJSON (its first line a whole visit) or CSV. */
function otherFormatIn(text: string): string {
  const firstLine = (text.trimStart().split('\n', 1)[0] ?? '').trim();
  try {
    const first: unknown = JSON.parse(firstLine);
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) return '; it holds one visit per line (NDJSON): name the file .ndjson, or give --format ndjson';
  } catch {
    if (/^[A-Za-z.]+(,[A-Za-z.]+)+$/.test(firstLine)) return '; it holds CSV: name the file .csv, or give --format csv';
  }
  return '';
}

async function* jsonRows(text: string): AsyncGenerator<ScheduleRow> {
  const json = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw CareprintError.of('input_invalid', 'schedule', `not valid JSON (${jsonSyntaxReason(error)})${otherFormatIn(json)}`);
  }
  if (!Array.isArray(data)) throw CareprintError.of('input_invalid', 'schedule', 'a JSON schedule must be an array of visits');
  // The array itself is one level; an element nested deeper than a visit may be is a row
  // with that problem, and the other rows still print.
  const someTooDeep = isTooDeep(json, maxJsonDepth + 1);
  let row = 0;
  for (const input of data) {
    row++;
    if (someTooDeep && valueDepth(input, maxJsonDepth) > maxJsonDepth) yield { row, input: null, problems: [tooDeep] };
    else yield { row, input, problems: [] };
  }
}

/** The rows of a schedule file, streamed. A file that cannot be read as a schedule at all throws. */
export function readSchedule(path: string, format: ScheduleFormat): AsyncGenerator<ScheduleRow> {
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw CareprintError.of('io', 'schedule', code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`);
  }
  if (statSync(path).isDirectory()) throw CareprintError.of('io', 'schedule', `${path} is a folder; name the schedule file in it`);
  if (format === 'csv') checkCsvFirstLine(firstLineOf(path));
  return readErrorsAsProblems(path, format === 'csv' ? csvRows(createReadStream(path)) : format === 'ndjson' ? ndjsonRows(createReadStream(path, 'utf8')) : jsonRows(readFileSync(path, 'utf8')));
}

/** A file that fails while it is read (a disk or network error) is a schedule that cannot be used. */
async function* readErrorsAsProblems(path: string, rows: AsyncGenerator<ScheduleRow>): AsyncGenerator<ScheduleRow> {
  try {
    yield* rows;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(error instanceof CareprintError) && typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw CareprintError.of('io', 'schedule', `cannot read ${path} (${code})`, { cause: error });
    throw csvProblem(error) ?? error;
  }
}

/**
 * A CSV whose quotes do not pair up cannot be read row by row: an open quote would run
 * the rows after it into one cell. The whole schedule is refused, saying where; the
 * parser's own message is not repeated, as it quotes the file's text.
 */
function csvProblem(error: unknown): CareprintError | undefined {
  if (!(error instanceof CsvError)) return undefined;
  const { code, lines } = error as { code: string; lines?: unknown };
  const line = typeof lines === 'number' ? lines : undefined;
  const at = line !== undefined ? `line ${line}: ` : '';
  const hint = 'save the schedule again from the spreadsheet as CSV, or put each quote in a cell as two quotes ("")';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return CareprintError.of('input_invalid', 'schedule', `a cell's opening quote is never closed${line !== undefined ? ` (the file ends at line ${line} still inside it)` : ''}`, { hint, cause: error });
    case 'INVALID_OPENING_QUOTE':
      return CareprintError.of('input_invalid', 'schedule', `${at}a cell has a quote that does not start it`, { hint, cause: error });
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return CareprintError.of('input_invalid', 'schedule', `${at}a quoted cell has more text after its closing quote`, { hint, cause: error });
    default:
      return CareprintError.of('input_invalid', 'schedule', `${at}not valid CSV (${code})`, { cause: error });
  }
}

/** The rows of a schedule held in memory (a schedule pasted into the front-desk page). */
export function readScheduleText(text: string, format: ScheduleFormat): AsyncGenerator<ScheduleRow> {
  if (format === 'csv') checkCsvFirstLine(text.split('\n', 1)[0] ?? '');
  return readErrorsAsProblems('the schedule', format === 'csv' ? csvRows(Readable.from([text])) : format === 'ndjson' ? ndjsonRows(Readable.from([text])) : jsonRows(text));
}
