import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { batchPool, renderBatch } from '../../src/batch/renderBatch.js';
import type { RenderPool } from '../../src/pool/renderPool.js';
import { outdatedFiles, runBatch } from '../../src/batch/runBatch.js';
import { safeFilePart } from '../../src/batch/fileNames.js';
import { readSchedule } from '../../src/batch/schedule.js';
import { Journal } from '../../src/batch/manifest.js';
import { CareprintError } from '../../src/errors.js';
import { clinic, readFixture, visit, visitWith } from '../helpers/fixtures.js';
import { outlineOf } from '../helpers/pdfFields.js';
import { pdfText } from '../helpers/pdfText.js';

const root = new URL('../../', import.meta.url).pathname;
const schedules = join(root, 'fixtures/schedules');
const expectedErrors = readFixture('schedules/2026-11-24.expected-errors.json') as unknown as { row: number; paths: string[] }[];
const temp = () => mkdtempSync(join(tmpdir(), 'careprint-batch-'));
const createHashHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Every file of a run directory with the hash of its bytes. */
const hashes = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, createHashHex(readFileSync(join(dir, f)))]));

/** Why a schedule is refused as a whole (its problems' messages), or "read" when it is not. */
async function scheduleRefusal(path: string, format: 'csv' | 'json' | 'ndjson', options: { hints?: boolean } = {}): Promise<string> {
  try {
    for await (const _row of readSchedule(path, format));
    return 'read';
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    return error.problems.map((p) => `${p.message}${options.hints && p.hint ? ` (${p.hint})` : ''}`).join('\n');
  }
}

function careprint(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/careprint.js'), ...args], { cwd: root, env: { ...process.env, TZ: 'UTC' } });
  return { status: r.status, stderr: r.stderr.toString('utf8') };
}

/** Rows a run's journal records as finished (its other lines name the schedule). */
const journalRows = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('{"row":')).length;

const base = { clinic: clinic(), docs: ['discharge'], paper: 'letter' as const, duplex: false, printFile: true, jobs: 2 };

/** Whether this machine can mount an exFAT disk image: root, a loop device, FUSE and Debian's exfat-fuse and exfatprogs. */
function caselessDiskAvailable(): boolean {
  const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  return process.getuid?.() === 0 && existsSync('/dev/fuse') && existsSync('/dev/loop-control') && ['mkfs.exfat', 'mount.exfat-fuse', 'losetup', 'umount'].every(has);
}

/** Runs `use` with the mount point of a fresh 32 MB exFAT disk image, then unmounts and detaches it. */
async function withExfatDisk(use: (mountPoint: string) => Promise<void>): Promise<void> {
  const dir = temp();
  const image = join(dir, 'disk.img');
  const mountPoint = join(dir, 'mnt');
  mkdirSync(mountPoint);
  const run = (command: string, args: string[]) => {
    const r = spawnSync(command, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr || r.error?.message}`);
    return r.stdout.trim();
  };
  writeFileSync(image, '');
  run('truncate', ['-s', '32M', image]);
  run('mkfs.exfat', [image]);
  const device = run('losetup', ['--find', '--show', image]);
  try {
    run('mount.exfat-fuse', [device, mountPoint]);
    try {
      await use(mountPoint);
    } finally {
      run('umount', [mountPoint]);
    }
  } finally {
    run('losetup', ['--detach', device]);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('batch', () => {
  it('writes every good row, and lists exactly the bad rows with their field paths', async () => {
    const out = temp();
    const { manifest } = await runBatch({ ...base, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect(manifest.counts).toEqual({ rows: 42, ok: 36, invalid: 6 });
    const invalid = manifest.rows.flatMap((r) => (r.status === 'invalid' ? [{ row: r.row, paths: r.problems.map((p) => p.path) }] : []));
    expect(invalid).toEqual(expectedErrors);
    for (const r of manifest.rows) {
      if (r.status !== 'ok') continue;
      const bytes = readFileSync(join(out, r.file));
      expect(createHashHex(bytes)).toBe(r.sha256);
      expect(r.file).toMatch(/^2026-11-24_HL-\d{6}_discharge\.pdf$/);
    }
    // errors.csv: the same bad rows, in the schedule's columns, ready to fix and re-run.
    const errors = parse(readFileSync(join(out, 'errors.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(errors.map((e) => Number(e.row))).toEqual(expectedErrors.map((e) => e.row));
    expect(errors[0]?.problems).toBe('patient.birthDate: expected YYYY-MM-DD');
    expect(errors[0]?.['patient.birthDate']).toBe('1984-13-01');
    expect(errors[4]?.problems).toBe('session.id: the same session id as row 31; each session appears once');
    // Nothing left half-written.
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp') || f.startsWith('.careprint-journal'))).toEqual([]);
  });

  it('prints the right sheet for each row, CSV edge cases included', async () => {
    const out = temp();
    const { manifest } = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    const file = (row: number) => {
      const r = manifest.rows[row - 1];
      if (r?.status !== 'ok') throw new Error(`row ${row} is not ok`);
      return pdfText(readFileSync(join(out, r.file)));
    };
    expect(file(1)).toContain('No driving until 8:10 AM on Wednesday, November 25');
    expect(file(2)).toContain('Today that is Oyelaran, Ade (brother).'); // a comma inside quotes
    expect(file(3)).toContain('Ruth O\'Brien "Bree" Castellano'); // quotes inside quotes
    expect(file(4)).toContain('No maneje hasta el'); // Spanish patient, Spanish sheet
    expect(file(4)).toContain('Guadalupe Ríos Ortega');
    // An indication with a newline inside quotes is one cell, and the row is good.
    expect(manifest.rows[4]?.status).toBe('ok');
  });

  it('reads NDJSON to the same PDFs as CSV', async () => {
    const a = temp();
    const b = temp();
    await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: a });
    await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.ndjson'), outDir: b });
    const pdfs = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => [f, createHashHex(readFileSync(join(dir, f)))]));
    expect(pdfs(b)).toEqual(pdfs(a));
    expect(Object.keys(pdfs(a))).toHaveLength(36);
  });

  it('reads CSV with a BOM, CRLF, quoted commas and newlines and padded cells, and reports ragged rows', async () => {
    const dir = temp();
    const file = join(dir, 'edge.csv');
    const header = 'patient.mrn,patient.givenName,patient.familyName,patient.birthDate,session.id,session.start,session.route,session.indication,session.provider.name';
    writeFileSync(
      file,
      `\uFEFF${header}\r\nA-1,"Ann, Jr.",Lee,1980-01-02,S1,2026-11-24T09:00,iv,"chronic\r\npain",Dr A\r\nA-2,José,Núñez,1980-01-02,S2,2026-11-24T09:00,iv,x\r\n` +
        // Padded cells, as some exports write them.
        `A-3 , Mia ,Ode,1980-01-02,S3, 2026-11-24T10:00 , iv ,pain,Dr A\r\n`,
    );
    const rows = [];
    for await (const r of readSchedule(file, 'csv')) rows.push(r);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0]?.input).toMatchObject({ patient: { givenName: 'Ann, Jr.' }, session: { indication: 'chronic\r\npain', provider: { name: 'Dr A' } } });
    expect(rows[1]?.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['row: has 8 cells; the header has 9']);
    expect(rows[2]?.input).toMatchObject({ patient: { mrn: 'A-3', givenName: 'Mia' }, session: { start: '2026-11-24T10:00', route: 'iv' } });
    expect(rows[2]?.problems).toEqual([]);
  });

  it('skips rows whose every cell is empty, as a spreadsheet exports them after the last patient, and exits 0', async () => {
    const dir = temp();
    const file = join(dir, 'day.csv');
    const [header, first, second] = readFileSync(join(schedules, '2026-11-24.csv'), 'utf8').split('\n');
    const columns = (header ?? '').split(',').length;
    const empty = ','.repeat(columns - 1);
    // Cells of spaces, or quoted and empty, are empty too.
    const blank = Array.from({ length: columns }, (_, i) => (i % 2 === 0 ? ' ' : '""')).join(',');
    writeFileSync(file, [header, first, empty, second, empty, blank, empty, ''].join('\r\n'));
    const rows = [];
    for await (const r of readSchedule(file, 'csv')) rows.push(r);
    expect(rows.map((r) => [r.row, (r.input as { patient?: { mrn?: string } }).patient?.mrn, r.problems.length])).toEqual([
      [1, 'HL-200100', 0],
      [2, 'HL-200107', 0],
    ]);
    const r = careprint(['batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out'), '--no-progress']);
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([0, '2 rows']);
    // Counted in words a person reads: one row, and a schedule with none said as such.
    const startLine = (rows: (string | undefined)[], name: string) => {
      writeFileSync(join(dir, name), [header, ...rows, ''].join('\n'));
      const run = careprint(['batch', '--schedule', join(dir, name), '--clinic', 'fixtures/clinic.json', '--out', join(dir, `out-${name}`), '--no-progress']);
      return [run.status, run.stderr.split('\n')[0]];
    };
    expect(startLine([first], 'one.csv')).toEqual([0, '1 row']);
    expect(startLine([empty], 'none.csv')).toEqual([0, '0 rows: the schedule holds no visit']);
  });

  it('refuses a row whose text was saved in another encoding, instead of printing a mangled name', async () => {
    // Excel's plain "CSV" on Windows writes Windows-1252: "Núñez" is then not UTF-8.
    const dir = temp();
    const file = join(dir, 'day.csv');
    const header = 'patient.mrn,patient.givenName,patient.familyName,patient.birthDate,session.id,session.start,session.route,session.indication,session.provider.name,escort.name,escort.relationship,escort.phone';
    writeFileSync(file, Buffer.from(`${header}\r\nA-1,Ana,N\u00fa\u00f1ez,1980-01-02,S1,2026-11-24T09:00,iv,pain,Dr A,Leo,son,555 0100\r\nA-2,Ana,Lee,1980-01-02,S2,2026-11-24T10:00,iv,pain,Dr A,Leo,son,555 0100\r\n`, 'latin1'));
    const { manifest } = await runBatch({ ...base, printFile: false, schedule: file, outDir: join(dir, 'run') });
    expect(manifest.rows.map((r) => (r.status === 'ok' ? 'ok' : r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')))).toEqual([
      'patient.familyName: has a character lost to a wrong text encoding (U+FFFD); save or send the text as UTF-8 (in Excel: "CSV UTF-8")',
      'ok',
    ]);
  });

  it('lists a CSV row in a script it cannot yet print, or with a hidden character, naming the column, and prints the others', async () => {
    const dir = temp();
    const file = join(dir, 'day.csv');
    const header = 'patient.mrn,patient.givenName,patient.familyName,patient.birthDate,session.id,session.start,session.route,session.indication,session.provider.name,escort.name,escort.relationship,escort.phone';
    const rows = [
      'A-1,Ana,\u05DB\u05D4\u05DF,1980-01-02,S1,2026-11-24T09:00,iv,pain,Dr A,Leo,son,555 0100',
      'A-2,Ana,Lee,1980-01-02,S2,2026-11-24T10:00,iv,pain,Dr A,Le\u200Bo,son,555 0100',
      'A-3,Ana,Lee,1980-01-02,S3,0001-01-01T09:00,iv,pain,Dr A,Leo,son,555 0100',
      'A-4,Ana,Lee,1980-01-02,S4,2026-11-24T11:00,iv,pain,Dr A,Leo,son,555 0100',
    ];
    writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const { manifest } = await runBatch({ ...base, printFile: false, schedule: file, outDir: join(dir, 'run') });
    expect(manifest.rows.map((r) => (r.status === 'ok' ? r.file : r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')))).toEqual([
      'patient.familyName: cannot yet print Hebrew script correctly',
      'escort.name: has an invisible character (U+200B): the printed text would not match the record; remove it',
      'session.start: is before 2000; check the year',
      '2026-11-24_A-4_discharge.pdf',
    ]);
  });

  it('lists a row whose record number is too long for a file name, and prints the others', async () => {
    // A 300-character MRN made a file name the file system refused: the whole run stopped
    // with "internal error: ENAMETOOLONG", no manifest, no errors.csv.
    const dir = temp();
    const file = join(dir, 'day.csv');
    const header = 'patient.mrn,patient.givenName,patient.familyName,patient.birthDate,session.id,session.start,session.route,session.indication,session.provider.name,escort.name,escort.relationship,escort.phone';
    writeFileSync(file, `${header}\n${'M'.repeat(300)},Ana,Lee,1980-01-02,S1,2026-11-24T09:00,iv,pain,Dr A,Leo,son,555 0100\nA-2,Ana,Lee,1980-01-02,S2,2026-11-24T10:00,iv,pain,Dr A,Leo,son,555 0100\n`);
    const { manifest } = await runBatch({ ...base, printFile: false, schedule: file, outDir: join(dir, 'run') });
    expect(manifest.rows.map((r) => (r.status === 'ok' ? r.file : r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')))).toEqual([
      'patient.mrn: must be at most 20 characters',
      '2026-11-24_A-2_discharge.pdf',
    ]);
  });

  it('stops on a file it cannot write, naming the row and not the patient, and resumes once it can', () => {
    const dir = temp();
    const out = join(dir, 'out');
    // A folder where row 2's sheet must go: its rename fails, as on a full disk.
    mkdirSync(join(out, '2026-11-24_HL-200107_discharge.pdf', 'x'), { recursive: true });
    const args = ['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out];
    const r = careprint(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('output: cannot write the file of row 2 in');
    // The failure used to escape as an unhandled rejection: a stack naming the file, so the MRN.
    expect(r.stderr).not.toMatch(/HL-\d{6}|\n\s+at /);
    rmSync(join(out, '2026-11-24_HL-200107_discharge.pdf'), { recursive: true });
    const again = careprint(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/36 of 42 rows written to .* \((?:[1-9]|[1-2]\d|3[0-5]) rendered, [1-9]\d* kept from an earlier run\)/);
  });

  it('refuses a schedule whose quotes do not pair up, or a folder, saying where (exit 2), and writes nothing', () => {
    const dir = temp();
    const day = readFileSync(join(schedules, '2026-11-24.csv'), 'utf8').split('\n');
    const cases: [string, string][] = [
      // An open quote would run every later row into one cell: nothing can be trusted after it.
      [`${day.slice(0, 2).join('\n')}\n"HL-1,Ana,Lee\n`, "schedule: a cell's opening quote is never closed (the file ends at line"],
      [`${day.slice(0, 2).join('\n')}\n"HL-1"x,Ana\n`, 'schedule: line 3: a quoted cell has more text after its closing quote'],
      [`${day.slice(0, 2).join('\n')}\nHL-1,An"a,Lee\n`, 'schedule: line 3: a cell has a quote that does not start it'],
      // Saved with semicolons or tabs: said as such, not as a quote error quoting a row (it was "internal error").
      [day.map((line) => line.replace(/,/g, ';')).join('\n'), 'schedule: the columns are separated by semicolons, not commas'],
      [day.map((line) => line.replace(/,/g, '\t')).join('\n'), 'schedule: the columns are separated by tabs, not commas'],
    ];
    for (const [text, says] of cases) {
      const file = join(dir, 'day.csv');
      writeFileSync(file, text);
      const r = careprint(['batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]);
      expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, expect.stringContaining(says)]);
      expect(r.stderr).not.toContain('internal error');
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
    // A folder named as the schedule used to end the process on an unhandled stream error.
    const folder = careprint(['batch', '--schedule', dir, '--format', 'csv', '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]);
    expect([folder.status, folder.stderr]).toEqual([2, `schedule: ${dir} is a folder; name the schedule file in it\n`]);
  });

  it('refuses a JSON document saved as NDJSON as a whole, instead of listing each of its lines as a row to fix', async () => {
    const dir = temp();
    const v = visit('iv');
    const problemOf = async (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return `schedule: ${await scheduleRefusal(join(dir, name), 'ndjson')}`;
    };
    const array = 'schedule: this NDJSON schedule is a JSON array of visits, not one visit per line';
    expect(await problemOf('pretty.ndjson', JSON.stringify([v, v], null, 2))).toBe(array);
    expect(await problemOf('line.ndjson', `${JSON.stringify([v, v])}\n`)).toBe(array);
    expect(await problemOf('visit.ndjson', JSON.stringify(v, null, 2))).toBe('schedule: this NDJSON schedule has a visit written over several lines; NDJSON needs each visit on one line');
    // A broken line after a good first one is that row's problem, as before.
    const rows = [];
    writeFileSync(join(dir, 'mixed.ndjson'), `${JSON.stringify(v)}\n{"patient": \n`);
    for await (const row of readSchedule(join(dir, 'mixed.ndjson'), 'ndjson')) rows.push(row);
    expect(rows.map((r) => [r.row, r.problems.map((p) => p.path)])).toEqual([
      [1, []],
      [2, ['row']],
    ]);
  });

  it('says which format a schedule holds when its name says another', async () => {
    const dir = temp();
    const problemOf = async (name: string, from: string, format: 'csv' | 'json' | 'ndjson') => {
      writeFileSync(join(dir, name), readFileSync(join(schedules, from)));
      return scheduleRefusal(join(dir, name), format, { hints: true });
    };
    expect(await problemOf('a.json', '2026-11-24.ndjson', 'json')).toMatch(/^not valid JSON \(.*\); it holds one visit per line \(NDJSON\): name the file \.ndjson, or give --format ndjson$/);
    expect(await problemOf('b.json', '2026-11-24.csv', 'json')).toMatch(/^not valid JSON \(.*\); it holds CSV: name the file \.csv, or give --format csv$/);
    expect(await problemOf('c.csv', '2026-11-24.ndjson', 'csv')).toBe('this CSV schedule holds JSON (one visit per line, NDJSON), not a header row and cells (name the file .ndjson, or give --format ndjson)');
  });

  it('refuses a schedule with an unknown column, naming it, and writes nothing (exit 2)', () => {
    const dir = temp();
    const file = join(dir, 'typo.csv');
    writeFileSync(file, 'patient.mrn,patient.givenNmae\nA,B\n');
    const r = careprint(['batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('schedule column 2: unknown column "patient.givenNmae" (did you mean patient.givenName? careprint schema schedule lists the columns)');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // A short name is too far from every column to guess at.
    writeFileSync(file, 'patient.mrn,foo\nA,B\n');
    expect(careprint(['batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]).stderr).toContain('schedule column 2: unknown column "foo" (careprint schema schedule lists the columns)');
    // Exported without its header row: the first row is a patient's, and was listed cell by
    // cell as unknown columns (record number, name, birth date) on standard error.
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, readFileSync(join(schedules, '2026-11-24.csv'), 'utf8').split('\n').slice(1).join('\n'));
    const headless = careprint(['batch', '--schedule', bare, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]);
    expect([headless.status, headless.stderr]).toEqual([2, 'schedule: the first row names no column careprint knows; it must be a header row such as patient.mrn,patient.givenName,… (careprint schema schedule lists the columns)\n']);
  });

  it('reads column names whatever their case, as spreadsheets export them', () => {
    const dir = temp();
    const [header, ...rows] = readFileSync(join(schedules, '2026-11-24.csv'), 'utf8').replace(/^\uFEFF/, '').split('\n');
    const file = join(dir, 'upper.csv');
    writeFileSync(file, [(header as string).split(',').map((name) => ` ${name.toUpperCase()}`).join(','), rows[0]].join('\n'));
    const r = careprint(['batch', '--schedule', file, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'out')]);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining('1 of 1 rows written')]);
    expect(pdfText(readFileSync(join(dir, 'out', '2026-11-24_HL-200100_discharge.pdf')))).toContain('Dana Whitfield');
  });

  it('refuses a run directory that is a file, or cannot be made, saying so (exit 2)', () => {
    const dir = temp();
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'keep me');
    for (const [out, says] of [
      [file, `out: ${file} is a file, not a directory`],
      [join(file, 'run'), `out: cannot make the run directory ${join(file, 'run')} (ENOTDIR)`],
    ] as const) {
      const r = careprint(['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out]);
      expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, expect.stringContaining(says)]);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('refuses a directory whose manifest, errors list or print file are not a run\'s, and runs into one that holds only other files', () => {
    const dir = temp();
    writeFileSync(join(dir, 'manifest.json'), '{"name": "the practice\'s own app"}');
    writeFileSync(join(dir, 'print.pdf'), 'a letter to print');
    const before = hashes(dir);
    const r = careprint(['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', dir, '--replace']);
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, `out: ${dir} already holds manifest.json, print.pdf, not from a careprint run, and the run would replace them (name a new directory for the run (it is made if needed), or move those files out of it)`]);
    expect(hashes(dir)).toEqual(before);
    // The schedule kept beside its sheets is no obstacle.
    const day = temp();
    const schedule = join(day, 'day.csv');
    writeFileSync(schedule, readFileSync(join(schedules, '2026-11-24.csv')));
    const ok = careprint(['batch', '--schedule', schedule, '--clinic', 'fixtures/clinic.json', '--out', day]);
    expect([ok.status, ok.stderr]).toEqual([1, expect.stringContaining('36 of 42 rows written')]);
    expect(readFileSync(schedule)).toEqual(readFileSync(join(schedules, '2026-11-24.csv')));
  });

  it('refuses a second run into a directory another run is writing, and takes over a lock its holder left', async () => {
    const dir = temp();
    const out = join(dir, 'out');
    const first = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect(existsSync(join(out, '.careprint.lock'))).toBe(false);
    const before = hashes(out);
    // A run in progress holds the directory: here a live process stands for it.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(out, '.careprint.lock'), `${holder.pid}\n`);
      const refused = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out }).then(
        () => null,
        (error: unknown) => error,
      );
      expect((refused as CareprintError).problems).toMatchObject([{ path: 'out', message: `another careprint batch (process ${holder.pid}) is running into ${out}` }]);
      const r = careprint(['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out]);
      expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, `out: another careprint batch (process ${holder.pid}) is running into ${out} (wait for it to finish, then run again: rows it wrote are kept; if no careprint batch is running, remove ${join(out, '.careprint.lock')})`]);
      expect(hashes(out)).toEqual({ ...before, '.careprint.lock': expect.any(String) });
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Its holder has ended (killed, or the machine restarted): the next run takes the lock over.
    const again = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect(again.manifest).toEqual(first.manifest);
    expect(existsSync(join(out, '.careprint.lock'))).toBe(false);
  });

  it('starts at most twice the cores\' render workers whatever --jobs asks, saying so', () => {
    const out = join(temp(), 'out');
    const r = careprint(['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out, '--jobs', '1000', '--no-progress']);
    const cores = availableParallelism();
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`--jobs 1000: this machine has ${cores} CPU cores; using ${2 * cores} render workers (more only wait for one another)`);
    expect(r.stderr).toContain('36 of 42 rows written');
  });

  it('exits 1 with some rows invalid and all good ones written; 0 when every row is good', () => {
    const dir = temp();
    const bad = careprint(['batch', '--schedule', join(schedules, '2026-11-24.ndjson'), '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'a'), '--jobs', '2']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('36 of 42 rows written');
    expect(bad.stderr).toContain('6 rows to fix: see errors.csv');
    // Progress goes to logs (a nightly job's): no name, MRN or birth date of any row.
    const rows = readFileSync(join(schedules, '2026-11-24.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { patient?: Record<string, unknown> });
    const identifying = rows.flatMap((r) => [r.patient?.mrn, r.patient?.familyName, r.patient?.birthDate]).filter((v): v is string => typeof v === 'string' && v !== '');
    expect(identifying.length).toBeGreaterThan(100);
    expect(identifying.filter((v) => bad.stderr.includes(v))).toEqual([]);
    // Rows are told as they finish: a row found bad before rendering may come first.
    expect(bad.stderr).toMatch(/^\[\d+\/42\] row \d+ ok$/m);
    expect(bad.stderr).toMatch(/^\[\d+\/42\] row 10 invalid: patient\.birthDate$/m);
    const good = join(dir, 'good.ndjson');
    writeFileSync(good, `${JSON.stringify(visit('iv'))}\n${JSON.stringify(visit('spanish'))}\n`);
    const ok = careprint(['batch', '--schedule', good, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'b'), '--print-file']);
    const lines = ok.stderr.split('\n');
    expect([ok.status, lines.at(-2)]).toEqual([0, expect.stringMatching(/^2 of 2 rows written .*; print file print.pdf$/)]);
    // The print file is announced after the last row, before it is written.
    expect(lines.at(-3)).toBe('writing print.pdf: 2 documents in start-time order');
  });

  it('re-running gives identical bytes and manifest, rendering nothing again', async () => {
    const out = temp();
    const first = await runBatch({ ...base, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    const before = hashes(out);
    const second = await runBatch({ ...base, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect([second.rendered, second.reused]).toEqual([0, 36]);
    expect(hashes(out)).toEqual(before);
    expect(second.manifest).toEqual(first.manifest);
  });

  it('resumes a killed run, finishing the rest without re-rendering what is done', async () => {
    const out = temp();
    const child = spawn(process.execPath, [join(root, 'bin/careprint.js'), 'batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out, '--jobs', '1', '--print-file'], { cwd: root, stdio: 'ignore' });
    const journal = join(out, '.careprint-journal.ndjson');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const lines = existsSync(journal) ? journalRows(journal) : 0;
        if (lines >= 8) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the run finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    const done = journalRows(journal);

    const resumed = await runBatch({ ...base, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect(resumed.reused).toBeGreaterThanOrEqual(done - 2); // the killed run's last file may be cut short, and bad rows are re-checked
    expect(resumed.reused + resumed.rendered).toBe(36);
    const fresh = temp();
    const full = await runBatch({ ...base, schedule: join(schedules, '2026-11-24.csv'), outDir: fresh });
    expect(resumed.manifest).toEqual(full.manifest);
    expect(hashes(out)).toEqual(hashes(fresh));
  });

  it('removes a file whose row went bad, and prints afresh a file deleted since', async () => {
    const out = temp();
    const schedule = join(out, 'day.ndjson');
    const good = [visit('iv'), visit('spanish')];
    writeFileSync(schedule, good.map((v) => JSON.stringify(v)).join('\n'));
    const first = await runBatch({ ...base, printFile: false, schedule, outDir: join(out, 'run') });
    const [a, b] = first.manifest.rows;
    if (a?.status !== 'ok' || b?.status !== 'ok') throw new Error('fixture rows must be good');
    rmSync(join(out, 'run', a.file));
    const { escort: _escort, ...alone } = good[1] as Record<string, unknown>;
    writeFileSync(schedule, [good[0], alone].map((v) => JSON.stringify(v)).join('\n'));
    const second = await runBatch({ ...base, printFile: false, schedule, outDir: join(out, 'run') });
    expect([second.rendered, second.reused]).toEqual([1, 0]);
    expect(createHashHex(readFileSync(join(out, 'run', a.file)))).toBe(a.sha256);
    expect(existsSync(join(out, 'run', b.file))).toBe(false);
    expect(second.manifest.rows[1]).toMatchObject({ status: 'invalid', problems: [{ path: 'escort' }] });
  });

  it('refuses to replace or remove a sheet changed since the run wrote it (filled in or signed), naming its row, touching nothing (exit 2)', () => {
    const dir = temp();
    const out = join(dir, 'run');
    const run = () => careprint(['batch', '--schedule', join(schedules, '2026-11-24.csv'), '--clinic', 'fixtures/clinic.json', '--out', out]);
    expect(run().status).toBe(1);
    const rows = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { rows: { row: number; status: string; file?: string }[] }).rows;
    const [first, second] = rows.filter((r) => r.status === 'ok') as { row: number; file: string }[];
    if (!first || !second) throw new Error('two good rows');
    // Saved by a PDF editor: an incremental update appended to the sheet.
    const signed = Buffer.concat([readFileSync(join(out, first.file)), Buffer.from('\n% a signature\n%%EOF\n')]);
    writeFileSync(join(out, first.file), signed);
    writeFileSync(join(out, second.file), 'filled in');
    const before = hashes(out);
    const refused = run();
    expect([refused.status, refused.stderr]).toEqual([
      2,
      `out: the files of rows ${first.row} and ${second.row} in ${out} changed after the run wrote them (filled in or signed, perhaps), and running again would replace or remove them ` +
        `(manifest.json names each row's file: to keep them, move them out of the directory; to print them afresh, delete them; then run the same command again)\n`,
    ]);
    expect(refused.stderr).not.toContain('HL-');
    expect(hashes(out)).toEqual(before);
    // Moved out, they are printed afresh.
    rmSync(join(out, first.file));
    rmSync(join(out, second.file));
    expect(run().stderr).toContain('(2 rendered, 34 kept from an earlier run)');
  });

  it('knows a file a killed run wrote before it could record its row as the run\'s own, not as changed since', async () => {
    const out = temp();
    const first = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    const row = first.manifest.rows.find((r) => r.status === 'ok');
    if (row?.status !== 'ok') throw new Error('a good row');
    // Another version of the file, as a run killed between writing it and recording its row leaves it.
    const other = Buffer.from('another version of the sheet');
    writeFileSync(join(out, row.file), other);
    const journal = new Journal(out, '2026-11-24.csv');
    journal.writing(row.file, createHashHex(other));
    journal.close();
    const resumed = await runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    expect([resumed.rendered, resumed.reused]).toEqual([1, 35]);
    expect(createHashHex(readFileSync(join(out, row.file)))).toBe(row.sha256);
    // Without that record the same file is refused as changed.
    writeFileSync(join(out, row.file), other);
    await expect(runBatch({ ...base, printFile: false, schedule: join(schedules, '2026-11-24.csv'), outDir: out })).rejects.toThrow(/changed after the run wrote it/);
  });

  it('refuses to run another schedule into a directory that holds a run, touching nothing, unless told to replace it', async () => {
    const dir = temp();
    const out = join(dir, 'run');
    const day = join(dir, 'day.ndjson');
    writeFileSync(day, [visit('iv'), visit('spanish'), visitWith('iv', { patient: { mrn: 'HL-900001', birthDate: '1984-13-01' }, session: { id: 'S-BAD-1' } })].map((v) => JSON.stringify(v)).join('\n'));
    const first = await runBatch({ ...base, schedule: day, outDir: out });
    expect(first.manifest.counts).toEqual({ rows: 3, ok: 2, invalid: 1 });
    const before = hashes(out);
    // The front desk corrects the bad row in errors.csv and runs that file into the same directory.
    const fixed = join(dir, 'fixed.ndjson');
    writeFileSync(fixed, JSON.stringify(visitWith('iv', { patient: { mrn: 'HL-900001', birthDate: '1984-12-01' }, session: { id: 'S-BAD-1' } })));
    const refused = await runBatch({ ...base, schedule: fixed, outDir: out }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(CareprintError);
    expect((refused as CareprintError).problems).toMatchObject([{ path: 'schedule', message: expect.stringContaining('already holds the run of day.ndjson') }]);
    expect(hashes(out)).toEqual(before);

    // The command line says so and exits 2; a run killed half way (only its journal left) is guarded the same way.
    mkdirSync(join(dir, 'killed'));
    const journal = new Journal(join(dir, 'killed'), 'day.ndjson');
    journal.close();
    for (const target of [out, join(dir, 'killed')]) {
      const cli = careprint(['batch', '--schedule', fixed, '--clinic', 'fixtures/clinic.json', '--out', target, '--no-progress']);
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain('--replace');
    }
    expect(hashes(out)).toEqual(before);

    const replaced = await runBatch({ ...base, schedule: fixed, outDir: out, replace: true });
    expect(replaced.manifest).toMatchObject({ schedule: 'fixed.ndjson', counts: { rows: 1, ok: 1, invalid: 0 } });
    for (const row of first.manifest.rows) if (row.status === 'ok') expect(existsSync(join(out, row.file))).toBe(false);
    // The same schedule, run again, is its own run: nothing refused, nothing rendered again.
    expect((await runBatch({ ...base, schedule: fixed, outDir: out })).reused).toBe(1);
  });

  it('makes one print file in start-time order, a bookmark per patient, from front sides with --duplex', async () => {
    const out = temp();
    const { manifest } = await runBatch({ ...base, duplex: true, schedule: join(schedules, '2026-11-24.csv'), outDir: out });
    const bytes = readFileSync(join(out, 'print.pdf'));
    const outline = outlineOf(bytes);
    expect(outline).toHaveLength(36);
    expect(outline[0]?.title).toBe('7:00 AM · Vogel, Ilse');
    expect(outline[1]?.title).toBe('7:00 AM · Whitfield, Dana');
    const minutes = outline.map((o) => {
      // "7:00 AM", "1:30 PM", and noon named as such ("12:00 noon").
      const [, h = '0', m = '0', ap] = /^(\d+):(\d+) (AM|PM|noon)/.exec(o.title) ?? [];
      return ((Number(h) % 12) + (ap === 'AM' ? 0 : 12)) * 60 + Number(m);
    });
    expect(minutes).toEqual([...minutes].sort((x, y) => x - y));
    expect(outline.map((o) => o.title)).toContain('12:00 noon · Sørensen, Ingrid');
    expect(outline.every((o) => o.page % 2 === 1)).toBe(true);
    expect(manifest.printFile).toBe('print.pdf');
  });

  it('refuses two rows whose files differ only in case, which a disk that ignores case would make one', async () => {
    const dir = temp();
    const schedule = join(dir, 'day.ndjson');
    const rows = [
      visitWith('iv', { patient: { mrn: 'HL-300001' }, session: { id: 'S-1' } }),
      visitWith('iv', { patient: { mrn: 'hl-300001' }, session: { id: 'S-2' } }),
      visitWith('iv', { patient: { mrn: 'HL-300002' }, session: { id: 'S-3' } }),
    ];
    writeFileSync(schedule, rows.map((v) => JSON.stringify(v)).join('\n'));
    const { manifest } = await runBatch({ ...base, printFile: false, schedule, outDir: join(dir, 'out') });
    expect(manifest.rows.map((r) => (r.status === 'ok' ? 'ok' : r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')))).toEqual([
      'patient.mrn: the same patient and day as row 2, so both would print to one file',
      'patient.mrn: the same patient and day as row 1, so both would print to one file',
      'ok',
    ]);
    // A record number corrected only in case between runs: here (a disk that keeps case)
    // the earlier file is another file, and goes, as any file the run no longer lists.
    const out = join(dir, 'again');
    writeFileSync(schedule, JSON.stringify(rows[0]));
    await runBatch({ ...base, printFile: false, schedule, outDir: out });
    writeFileSync(schedule, JSON.stringify(rows[1]));
    await runBatch({ ...base, printFile: false, schedule, outDir: out });
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual(['2026-11-24_hl-300001_discharge.pdf']);
  });

  it('compares session ids and file names on one key: case, compatibility forms and invisible characters ignored', async () => {
    const dir = temp();
    const schedule = join(dir, 'day.ndjson');
    const rows = [
      // Prints like HL-100234, but was filed as 2026-11-24_HL-100-234_discharge.pdf.
      visitWith('iv', { patient: { mrn: 'HL-100\u200B234' }, session: { id: 'S-1' } }),
      visitWith('iv', { patient: { mrn: 'HL-200001' }, session: { id: 'S-2' } }),
      visitWith('iv', { patient: { mrn: 'HL-200002' }, session: { id: 's-2' } }),
      visitWith('iv', { patient: { mrn: 'HL-200003' }, session: { id: 'S-4' } }),
      visitWith('iv', { patient: { mrn: '\uFF28\uFF2C-200003' }, session: { id: 'S-5' } }),
      visitWith('iv', { patient: { mrn: 'HL-200006' }, session: { id: 'S-6' } }),
    ];
    writeFileSync(schedule, rows.map((v) => JSON.stringify(v)).join('\n'));
    const { manifest } = await runBatch({ ...base, printFile: false, schedule, outDir: join(dir, 'out') });
    expect(manifest.rows.map((r) => (r.status === 'ok' ? r.file : r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')))).toEqual([
      'patient.mrn: has an invisible character (U+200B): an identifier must be exactly the characters it shows; remove it',
      'session.id: the same session id as row 3; each session appears once',
      'session.id: the same session id as row 2; each session appears once',
      'patient.mrn: the same patient and day as row 5, so both would print to one file',
      'patient.mrn: the same patient and day as row 4, so both would print to one file',
      '2026-11-24_HL-200006_discharge.pdf',
    ]);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toEqual(['2026-11-24_HL-200006_discharge.pdf']);
    expect(safeFilePart('HL-100\u200B234')).toBe('HL-100234');
    expect(safeFilePart('\uFF28\uFF2C-100234')).toBe('HL-100234');
  });

  it('removes an earlier run\'s file the run no longer lists, unless the directory shows it is the new file under another case', () => {
    const written = new Set(['2026-11-24_hl-1_discharge.pdf', '2026-11-24_HL-2_discharge.pdf']);
    const earlier = ['2026-11-24_HL-1_discharge.pdf', '2026-11-24_HL-2_discharge.pdf', '2026-11-24_HL-3_discharge.pdf'];
    // A disk that keeps case lists both spellings: two files, the earlier one goes.
    expect(outdatedFiles(earlier, written, new Set([...earlier, '2026-11-24_hl-1_discharge.pdf']))).toEqual(['2026-11-24_HL-1_discharge.pdf', '2026-11-24_HL-3_discharge.pdf']);
    // A disk that ignores case lists one entry for both, in either spelling: it is the new sheet, and stays.
    for (const spelling of ['2026-11-24_HL-1_discharge.pdf', '2026-11-24_hl-1_discharge.pdf']) {
      expect(outdatedFiles(earlier, written, new Set([spelling, '2026-11-24_HL-2_discharge.pdf', '2026-11-24_HL-3_discharge.pdf']))).toEqual(['2026-11-24_HL-3_discharge.pdf']);
    }
  });

  // exFAT ignores case, and on Linux it is a FUSE file system that numbers each name as a
  // file of its own, so inode numbers cannot tell that HL-1 and hl-1 are one file.
  it.skipIf(!caselessDiskAvailable() && process.env.CAREPRINT_REQUIRE_CASELESS_DISK !== '1')('keeps the new sheet on a disk that ignores case (exFAT) when a record number changes only in case', async () => {
    await withExfatDisk(async (disk) => {
      const dir = temp();
      const schedule = join(dir, 'day.ndjson');
      const out = join(disk, 'out');
      const run = async (mrn: string) => {
        writeFileSync(schedule, JSON.stringify(visitWith('iv', { patient: { mrn } })));
        return (await runBatch({ ...base, printFile: false, schedule, outDir: out })).manifest;
      };
      await run('HL-400001');
      expect(existsSync(join(disk, 'out', '2026-11-24_hl-400001_discharge.pdf'))).toBe(true);
      const manifest = await run('hl-400001');
      const row = manifest.rows[0];
      expect(row?.status).toBe('ok');
      if (row?.status !== 'ok') return;
      expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).map((f) => f.toLowerCase())).toEqual(['2026-11-24_hl-400001_discharge.pdf']);
      expect(createHashHex(readFileSync(join(out, row.file)))).toBe(row.sha256);
      // Another record number: the earlier sheet is another patient's file, and goes.
      await run('HL-400002');
      expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual(['2026-11-24_HL-400002_discharge.pdf']);
    });
  }, 60_000);

  it('streams results in schedule order from the library API', async () => {
    const rows = [visit('iv'), { patient: {} }, visit('intranasal')].map((input, i) => ({ row: i + 1, input }));
    const seen = [];
    for await (const r of renderBatch(rows, clinic(), { jobs: 2 })) seen.push([r.row, r.status]);
    expect(seen).toEqual([
      [1, 'ok'],
      [2, 'invalid'],
      [3, 'ok'],
    ]);
  });

  it('lists a row careprint itself fails on and goes on with the others, even while earlier rows are awaited', async () => {
    // A pool whose worker dies on row 3, while row 1 is still rendering: that rejection,
    // not awaited yet, used to end the process.
    const real = batchPool(1);
    const failing = {
      jobs: 1,
      run: async (task: { input: unknown }) => {
        const mrn = (task.input as { patient: { mrn: string } }).patient.mrn;
        if (mrn === 'HL-3') throw new Error(`worker died on ${mrn}`);
        if (mrn === 'HL-1') await new Promise((resolve) => setTimeout(resolve, 200));
        return real.run(task as Parameters<RenderPool['run']>[0]);
      },
    } as unknown as RenderPool;
    const rows = [1, 2, 3, 4].map((n) => ({ row: n, input: visitWith('iv', { patient: { mrn: `HL-${n}` }, session: { id: `S-${n}` } }) }));
    try {
      const seen: string[] = [];
      for await (const r of renderBatch(rows, clinic(), { pool: failing })) seen.push(r.status === 'ok' ? `${r.row} ok` : `${r.row} ${r.problems.map((p) => `${p.code} ${p.path}: ${p.message}`).join('; ')}`);
      expect(seen).toEqual(['1 ok', '2 ok', "3 internal careprint: failed while making this row's document (Error); the other rows are not affected", '4 ok']);
      // Its message is not repeated: it could quote the row's data.
      expect(seen.join('\n')).not.toContain('HL-3');
    } finally {
      await real.destroy();
    }
  });
});
