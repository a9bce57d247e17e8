import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CareprintError, type Problem } from '../errors.js';
import type { Paper } from '../layout/types.js';
import { parseClinic } from '../model/parseVisit.js';
import type { Clinic } from '../model/schemas.js';
import type { TemplateSetRef } from '../template/registry.js';
import { templateMeta } from '../template/registry.js';
import { formatClock } from '../template/formatTime.js';
import { instantToWall } from '../time/zone.js';
import { removeAbandonedTemps, writeFileAtomic, writeFileAtomicAsync } from '../io/atomicFile.js';
import { lockDirectory } from '../io/dirLock.js';
import { errorsCsv, type RowSource } from './errorsCsv.js';
import { outputFileName, plannedFileName } from './fileNames.js';
import { identityKey } from '../model/identityKey.js';
import { clearJournal, errorsName, Journal, manifestName, previousRun, printFileName, runSchedule, type Manifest, type ManifestRow } from './manifest.js';
import type { RenderPool } from '../pool/renderPool.js';
import { batchPool, renderBatch, type BatchRow } from './renderBatch.js';
import { formatOf, readSchedule, type RowCells, type ScheduleFormat, type ScheduleRow } from './schedule.js';

export interface RunBatchOptions {
  readonly schedule: string;
  readonly format?: ScheduleFormat;
  readonly clinic: unknown;
  readonly outDir: string;
  readonly docs: readonly string[];
  /** A language of careprint's, or one the template set adds. */
  readonly lang?: string;
  /** A clinic's template set, linted where it was loaded; each worker checks its hash. */
  readonly templates?: TemplateSetRef;
  readonly paper: Paper;
  readonly duplex: boolean;
  readonly jobs?: number;
  readonly printFile: boolean;
  /**
   * Let this schedule replace the run of another schedule (by file name) that `outDir`
   * holds, removing that run's files. Without it such a run is refused before anything
   * is written or removed: a directory is one schedule's run.
   */
  readonly replace?: boolean;
  /** Called once the rows are known, and after each row is settled. */
  readonly onStart?: (total: number, reused: number) => void;
  readonly onRow?: (row: ManifestRow, reused: boolean) => void;
  /** Called when every row is settled and the print file is begun, with how many documents it takes. */
  readonly onPrintFile?: (documents: number) => void;
}

export interface RunBatchSummary {
  readonly manifest: Manifest;
  readonly rendered: number;
  readonly reused: number;
}

const codeVersion = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

/** Everything a row's PDF depends on besides the row itself, hashed once per run. */
function runContext(clinic: Clinic, options: RunBatchOptions): string {
  const templates = options.docs.map((d) => {
    try {
      const meta = templateMeta(d);
      return `${d}@${meta.version}:${meta.content.sha256}`;
    } catch {
      return d;
    }
  });
  // A set's hash covers every file it resolves to: a row printed from other wording is printed again.
  const set = options.templates ? { templateSet: options.templates.sha256 } : {};
  return JSON.stringify({ clinic, docs: options.docs, lang: options.lang ?? null, paper: options.paper, duplex: options.duplex, templates, ...set, codeVersion });
}

function rowHash(input: unknown, context: string): string {
  return createHash('sha256').update(context).update('\n').update(JSON.stringify(input)).digest('hex');
}

function rawSessionId(input: unknown): string | null {
  const id = (input as { session?: { id?: unknown } } | null)?.session?.id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/** Rows that share a session id, or would write the same file, are all invalid: nobody can tell which is right. */
function duplicateProblems(rows: readonly ScheduleRow[], zone: string, docs: readonly string[]): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  const group = (key: (r: ScheduleRow) => string | undefined | null, problem: (others: number[]) => Problem) => {
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const k = key(r);
      if (k) byKey.set(k, [...(byKey.get(k) ?? []), r.row]);
    }
    for (const members of byKey.values()) {
      if (members.length < 2) continue;
      for (const row of members) out.set(row, [...(out.get(row) ?? []), problem(members.filter((m) => m !== row))]);
    }
  };
  const list = (rs: number[]) => `row${rs.length > 1 ? 's' : ''} ${rs.join(', ')}`;
  // One key for every comparison: "S-1", "s-1" and "S-\u200B1" are one session to a reader.
  group((r) => { const id = rawSessionId(r.input); return id === null ? null : identityKey(id); }, (others) => ({ code: 'input_invalid', path: 'session.id', message: `the same session id as ${list(others)}; each session appears once` }));
  // Compared without case: on a share or a disk that ignores case (Windows, macOS), HL-1 and
  // hl-1 name one file, and the second row's sheet would replace the first's.
  group((r) => { const file = plannedFileName(r.input, zone, docs); return file === undefined ? undefined : identityKey(file); }, (others) => ({ code: 'input_invalid', path: 'patient.mrn', message: `the same patient and day as ${list(others)}, so both would print to one file` }));
  return out;
}

/**
 * The files of an earlier run that this run does not list, to remove so that an outdated
 * sheet cannot be printed. On a disk that ignores case (Windows, macOS, an exFAT card),
 * an earlier run's HL-1 file is this run's hl-1 file, and removing it would remove the
 * new sheet. The directory tells: it lists two entries for two files, one for one. Inode
 * numbers cannot tell: a FUSE file system (exFAT on Linux) numbers each name apart.
 */
export function outdatedFiles(previous: Iterable<string>, written: ReadonlySet<string>, listed: ReadonlySet<string>): string[] {
  const writtenByFolded = new Map([...written].map((file) => [file.toLowerCase(), file]));
  return [...previous].filter((file) => {
    if (written.has(file)) return false;
    const twin = writtenByFolded.get(file.toLowerCase());
    return twin === undefined || (listed.has(file) && listed.has(twin));
  });
}

/** The SHA-256 of each file an earlier run wrote, as the file is now; a file no longer there is left out. */
function hashesOnDisk(dir: string, previous: ReadonlyMap<number, ManifestRow>): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of previous.values()) {
    if (row.status !== 'ok' || out.has(row.file)) continue;
    const path = join(dir, row.file);
    if (existsSync(path)) out.set(row.file, createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

/**
 * The files an earlier run wrote whose bytes have changed since, as when a sheet is
 * filled in or signed in a PDF editor and saved where it was. This run would replace or
 * remove each of them and lose what was added: the run is refused before any work, and
 * they are named by row (their names hold the patients' record numbers).
 */
function refuseChangedFiles(dir: string, previous: ReadonlyMap<number, ManifestRow>, recorded: ReadonlyMap<string, ReadonlySet<string>>, onDisk: ReadonlyMap<string, string>): void {
  const changed = [...previous.values()]
    .filter((r) => {
      if (r.status !== 'ok') return false;
      const now = onDisk.get(r.file);
      return now !== undefined && !(recorded.get(r.file)?.has(now) ?? false);
    })
    .map((r) => r.row);
  if (changed.length === 0) return;
  const named = changed.length > 10 ? [...changed.slice(0, 10), `${changed.length - 10} more`] : changed;
  const rows = changed.length === 1 ? `row ${changed[0]}` : `rows ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const them = changed.length === 1 ? 'it' : 'them';
  throw CareprintError.of('io', 'out', `the ${changed.length === 1 ? 'file' : 'files'} of ${rows} in ${dir} changed after the run wrote ${them} (filled in or signed, perhaps), and running again would replace or remove ${them}`, {
    hint: `${manifestName} names each row's file: to keep ${them}, move ${them} out of the directory; to print ${them} afresh, delete ${them}; then run the same command again`,
  });
}

/**
 * A row's file could not be written (disk full, no permission): the run stops, and says
 * so by row number, since the file's name holds the patient's record number.
 */
function rowWriteError(row: number, outDir: string, error: unknown): CareprintError {
  const cause = error instanceof CareprintError ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return CareprintError.of('io', 'output', `cannot write the file of row ${row} in ${outDir} (${code})`, { hint: 'fix what stops it (disk space, permissions, a folder of that name), then run the same command again: the rows written are kept', cause: error });
}

/**
 * A run directory holds one schedule's run, and a run removes the files of rows its
 * schedule no longer lists (so an outdated sheet cannot be printed). Another schedule
 * run into it, such as the corrected rows of errors.csv, would remove every other
 * patient's sheet: refused, unless the caller asks for it to replace the run.
 */
function checkRunDirectory(options: RunBatchOptions): void {
  if (!existsSync(options.outDir)) return;
  if (!statSync(options.outDir).isDirectory()) {
    throw CareprintError.of('io', 'out', `${options.outDir} is a file, not a directory`, { hint: 'name a directory for the run; it is made if needed' });
  }
  const holds = runSchedule(options.outDir);
  const schedule = basename(options.schedule);
  if (holds === null) {
    // Not a run directory (no manifest or journal of a run): the run's own files must not replace someone else's.
    const theirs = [manifestName, errorsName, printFileName].filter((name) => existsSync(join(options.outDir, name)));
    if (theirs.length > 0) {
      throw CareprintError.of('io', 'out', `${options.outDir} already holds ${theirs.join(', ')}, not from a careprint run, and the run would replace ${theirs.length > 1 ? 'them' : 'it'}`, {
        hint: 'name a new directory for the run (it is made if needed), or move those files out of it',
      });
    }
    return;
  }
  if (holds === schedule || options.replace) return;
  throw CareprintError.of('input_invalid', 'schedule', `${options.outDir} already holds the run of ${holds}, and running ${schedule} there would remove its files`, {
    hint: `run ${schedule} into a directory of its own, or correct the rows in ${holds} and run that again; --replace lets ${schedule} replace the run`,
  });
}

/**
 * A whole schedule into a run directory: one PDF per good row, manifest.json for every
 * row, errors.csv with the bad rows and their problems (the same columns as the
 * schedule, so it can be fixed and run again), and with `printFile` one PDF of the
 * good rows in schedule order. Re-running gives the same bytes; a run interrupted half
 * way resumes, reusing every file whose recorded hash still matches.
 */
export async function runBatch(options: RunBatchOptions): Promise<RunBatchSummary> {
  const clinic = parseClinic(options.clinic);
  checkRunDirectory(options);
  // The workers start (load fonts and code) while the schedule is read.
  return runOwningPool(options, clinic, batchPool(options.jobs || undefined));
}

/**
 * `runBatch` in a pool its caller started sooner (`batchPool(options.jobs)`), such as
 * before loading this module: the run takes the pool over and destroys it when it no
 * longer needs it, also when the clinic or the run directory cannot be used.
 */
export async function runBatchInPool(options: RunBatchOptions, pool: RenderPool): Promise<RunBatchSummary> {
  let clinic: Clinic;
  try {
    clinic = parseClinic(options.clinic);
    checkRunDirectory(options);
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return runOwningPool(options, clinic, pool);
}

/** The run in `pool`, which it destroys however the run ends. */
async function runOwningPool(options: RunBatchOptions, clinic: Clinic, pool: RenderPool): Promise<RunBatchSummary> {
  try {
    return await runWithPool(options, clinic, pool);
  } finally {
    await pool.destroy();
  }
}

async function runWithPool(options: RunBatchOptions, clinic: Clinic, pool: RenderPool): Promise<RunBatchSummary> {
  const { outDir } = options;
  const schedule: ScheduleRow[] = [];
  for await (const row of readSchedule(options.schedule, formatOf(options.schedule, options.format))) schedule.push(row);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw CareprintError.of('io', 'out', `cannot make the run directory ${outDir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const unlock = lockDirectory(outDir);
  try {
    return await runInDirectory(options, clinic, pool, schedule);
  } finally {
    unlock();
  }
}

/** The run itself, once the run directory is made and held. */
async function runInDirectory(options: RunBatchOptions, clinic: Clinic, pool: RenderPool, schedule: ScheduleRow[]): Promise<RunBatchSummary> {
  const { outDir, docs } = options;
  // A run killed while writing leaves temporary files; they are never a row's output.
  removeAbandonedTemps(outDir);

  const duplicates = duplicateProblems(schedule, clinic.timeZone, docs);
  const { rows: previous, hashes: recorded } = previousRun(outDir);
  const onDisk = hashesOnDisk(outDir, previous);
  refuseChangedFiles(outDir, previous, recorded, onDisk);
  const context = runContext(clinic, options);
  const hashes = new Map(schedule.map((r) => [r.row, rowHash(r.input, context)]));
  const settled = new Map<number, ManifestRow>();
  // Rows to render, in order; each input is let go once its row is handed to the pool,
  // so a long schedule is not held in memory while it renders.
  const toRender: ({ readonly batchRow: BatchRow; readonly cells: RowCells | undefined } | null)[] = [];
  const rowNumbers = schedule.map((r) => r.row);
  for (const r of schedule) {
    const problems = [...r.problems, ...(duplicates.get(r.row) ?? [])];
    const prior = previous.get(r.row);
    // Kept when its input is unchanged and its file is still what the earlier run wrote.
    if (problems.length === 0 && prior?.status === 'ok' && prior.inputSha256 === hashes.get(r.row) && onDisk.get(prior.file) === prior.sha256) settled.set(r.row, prior);
    else toRender.push({ batchRow: { row: r.row, input: r.input, problems }, cells: r.cells });
  }
  schedule.length = 0;
  // Every row kept from an earlier run: the workers started for nothing.
  if (toRender.length === 0) await pool.destroy();
  const reused = settled.size;
  options.onStart?.(rowNumbers.length, reused);
  for (const row of settled.values()) options.onRow?.(row, true);

  // Inputs kept for errors.csv: every row's until its result is known, then only the invalid ones'.
  const inputs = new Map<number, RowSource>();
  function* handOut(): Generator<BatchRow> {
    for (let i = 0; i < toRender.length; i++) {
      const { batchRow: row, cells } = toRender[i] as NonNullable<(typeof toRender)[number]>;
      toRender[i] = null;
      inputs.set(row.row, { input: row.input, ...(cells ? { cells } : {}) });
      yield row;
    }
  }
  const written = new Set([...settled.values()].flatMap((r) => (r.status === 'ok' ? [r.file] : [])));
  let rendered = 0;
  const batchOptions = { docs, paper: options.paper, duplex: options.duplex, ...(options.lang ? { lang: options.lang } : {}), ...(options.templates ? { templates: options.templates } : {}), pool };
  // Files are written while the next rows render; a row is journalled (and reported)
  // only once its file is on disk, so a resumed run never trusts a file still in flight.
  // Each write's failure is caught where it happens (an unobserved rejection would end the
  // process with a stack naming the file, and so the patient's record number) and stops the
  // run at the next row.
  const writing: Promise<void>[] = [];
  const maxWriting = 16;
  let failedWrite: CareprintError | undefined;
  const journal = new Journal(outDir, basename(options.schedule));
  const settle = (entry: ManifestRow) => {
    settled.set(entry.row, entry);
    journal.add(entry);
    options.onRow?.(entry, false);
  };
  try {
    for await (const result of renderBatch(handOut(), clinic, batchOptions)) {
      if (failedWrite) throw failedWrite;
      let entry: ManifestRow;
      if (result.status === 'ok') {
        const file = outputFileName(result.sessionDate, result.mrn, docs);
        if (written.has(file)) {
          entry = { row: result.row, sessionId: result.sessionId, status: 'invalid', problems: [{ code: 'input_invalid', path: 'patient.mrn', message: `another row already printed to ${file}` }] };
        } else {
          written.add(file);
          rendered++;
          inputs.delete(result.row);
          const done: ManifestRow = {
            row: result.row,
            sessionId: result.sessionId,
            status: 'ok',
            file,
            pages: result.pages,
            sha256: result.sha256,
            documentIds: result.documentIds,
            templates: result.templates,
            inputSha256: hashes.get(result.row) ?? '',
            startMs: result.sessionStartMs,
            patient: `${result.familyName}, ${result.givenName}`,
          };
          try {
            journal.writing(file, result.sha256);
          } catch (error) {
            throw rowWriteError(result.row, outDir, error);
          }
          writing.push(
            writeFileAtomicAsync(join(outDir, file), result.bytes, { dirExists: true })
              .then(() => settle(done))
              .catch((error: unknown) => {
                // The file, or the journal line that records it (settle), could not be written.
                failedWrite ??= rowWriteError(result.row, outDir, error);
              }),
          );
          if (writing.length >= maxWriting) await writing.shift();
          continue;
        }
      } else {
        entry = { row: result.row, sessionId: rawSessionId(inputs.get(result.row)?.input), status: 'invalid', problems: result.problems.map(({ code, path, message }) => ({ code, path, message })) };
      }
      settle(entry);
    }
    await Promise.all(writing);
    if (failedWrite) throw failedWrite;
    // The workers' memory is not needed for the print file.
    await pool.destroy();
  } catch (error) {
    // Writes in flight finish (each is whole or absent) before the run reports its failure.
    await Promise.all(writing);
    throw error;
  } finally {
    journal.close();
  }

  const rows = rowNumbers.map((n) => settled.get(n) as ManifestRow);
  // A file from an earlier run that this run does not list (the row changed or went bad) must not be printed by mistake.
  const earlierFiles = [...previous.values()].flatMap((old) => (old.status === 'ok' ? [old.file] : []));
  for (const file of outdatedFiles(earlierFiles, written, new Set(readdirSync(outDir)))) rmSync(join(outDir, file), { force: true });

  const ok = rows.filter((r): r is Extract<ManifestRow, { status: 'ok' }> => r.status === 'ok');
  let printFile: string | null = null;
  if (options.printFile && ok.length > 0) {
    const order = [...ok].sort((a, b) => a.startMs - b.startMs || a.patient.localeCompare(b.patient, 'en') || a.row - b.row);
    const lang = options.lang === 'es' ? 'es' : 'en';
    const items = order.map((r) => ({ file: r.file, title: `${formatClock(instantToWall(r.startMs, clinic.timeZone), lang)} · ${r.patient}` }));
    options.onPrintFile?.(items.length);
    // pdf-lib is loaded only when a print file is asked for.
    const { writePrintFile } = await import('./printFile.js');
    await writePrintFile(join(outDir, printFileName), outDir, items, { duplex: options.duplex, date: new Date(order[0]?.startMs ?? 0), title: `${basename(options.schedule)}: ${ok.length} documents` });
    printFile = printFileName;
  } else {
    rmSync(join(outDir, printFileName), { force: true });
  }

  writeFileAtomic(join(outDir, errorsName), new TextEncoder().encode(errorsCsv(rows, inputs)));
  const manifest: Manifest = {
    schedule: basename(options.schedule),
    documents: docs,
    language: options.lang ?? 'auto',
    paper: options.paper,
    counts: { rows: rows.length, ok: ok.length, invalid: rows.length - ok.length },
    printFile,
    rows,
  };
  writeFileAtomic(join(outDir, manifestName), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  clearJournal(outDir);
  return { manifest, rendered, reused };
}

