import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { writeAll } from '../io/atomicFile.js';
import type { Problem } from '../errors.js';

/** One schedule row in the run's manifest. */
export type ManifestRow =
  | {
      readonly row: number;
      readonly sessionId: string;
      readonly status: 'ok';
      readonly file: string;
      readonly pages: number;
      readonly sha256: string;
      readonly documentIds: readonly string[];
      readonly templates: readonly string[];
      /** Hash of everything the row's PDF depends on; a resumed run reuses a file only when it matches. */
      readonly inputSha256: string;
      /** Session start (UTC ms) and "Family, Given": the print file's order and bookmarks. */
      readonly startMs: number;
      readonly patient: string;
    }
  | {
      readonly row: number;
      readonly sessionId: string | null;
      readonly status: 'invalid';
      readonly problems: readonly Pick<Problem, 'code' | 'path' | 'message'>[];
    };

export interface Manifest {
  readonly schedule: string;
  readonly documents: readonly string[];
  readonly language: string;
  readonly paper: string;
  readonly counts: { readonly rows: number; readonly ok: number; readonly invalid: number };
  readonly printFile: string | null;
  readonly rows: readonly ManifestRow[];
}

export const manifestName = 'manifest.json';
export const errorsName = 'errors.csv';
export const printFileName = 'print.pdf';
export const journalName = '.careprint-journal.ndjson';

/** The rows of the manifest in `dir`; none when there is none or it is damaged (nothing is then reused). */
function manifestRows(dir: string): readonly ManifestRow[] {
  const manifestFile = `${dir}/${manifestName}`;
  if (!existsSync(manifestFile)) return [];
  try {
    return (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest).rows ?? [];
  } catch {
    return [];
  }
}

/** Every whole line of the journal in `dir`, parsed; the last line of a killed run may be cut short, and is left out. */
function journalRecords(dir: string): unknown[] {
  const journalFile = `${dir}/${journalName}`;
  if (!existsSync(journalFile)) return [];
  const records: unknown[] = [];
  for (const line of readFileSync(journalFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // Not reused.
    }
  }
  return records;
}

function isRow(record: unknown): record is ManifestRow {
  return typeof record === 'object' && record !== null && typeof (record as { row?: unknown }).row === 'number';
}

/**
 * What an earlier run left in `dir`: its manifest, then its journal if it was
 * interrupted, each read once.
 * - `rows`: its finished rows, the journal's over the manifest's.
 * - `hashes`: every hash it recorded for each file it wrote or began to write; a file
 *   whose bytes match none of them has been changed since by someone else.
 */
export function previousRun(dir: string): { readonly rows: Map<number, ManifestRow>; readonly hashes: Map<string, Set<string>> } {
  const rows = new Map<number, ManifestRow>();
  const hashes = new Map<string, Set<string>>();
  const record = (file: unknown, sha256: unknown) => {
    if (typeof file !== 'string' || typeof sha256 !== 'string') return;
    const known = hashes.get(file) ?? new Set<string>();
    known.add(sha256);
    hashes.set(file, known);
  };
  for (const r of manifestRows(dir)) {
    rows.set(r.row, r);
    if (r.status === 'ok') record(r.file, r.sha256);
  }
  for (const r of journalRecords(dir)) {
    if (isRow(r)) rows.set(r.row, r);
    const written = r as Partial<JournalWriting & Extract<ManifestRow, { status: 'ok' }>> | null;
    if (written !== null && typeof written === 'object') record(written.writing ?? written.file, written.sha256);
  }
  return { rows, hashes };
}

/** A journal's first line (and a resumed run's first): the schedule the run is of. */
interface JournalHeader {
  readonly schedule: string;
}

/** A file about to be written, with the hash of its bytes. */
interface JournalWriting {
  readonly writing: string;
  readonly sha256: string;
}

/**
 * The schedule (its file name) whose run `dir` holds: the manifest's, else that of an
 * interrupted run's journal; null when the directory holds no run (or one made before
 * journals named their schedule).
 */
export function runSchedule(dir: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(`${dir}/${manifestName}`, 'utf8')) as Partial<Manifest>;
    if (typeof manifest.schedule === 'string') return manifest.schedule;
  } catch {
    // No manifest, or a damaged one: look at the journal.
  }
  try {
    const first = readFileSync(`${dir}/${journalName}`, 'utf8').split('\n', 1)[0] ?? '';
    const header = JSON.parse(first) as Partial<JournalHeader>;
    if (typeof header.schedule === 'string') return header.schedule;
  } catch {
    // No journal, or none with a header.
  }
  return null;
}

/**
 * The journal of a run in progress: each finished row is appended the moment it is
 * done (one write, straight to the file), so a run killed half way can resume. The
 * file stays open for the run rather than being opened for every row. Each run that
 * opens it first writes which schedule it runs.
 */
export class Journal {
  #fd: number | null;

  constructor(dir: string, schedule: string) {
    this.#fd = openSync(`${dir}/${journalName}`, 'a');
    this.#append({ schedule } satisfies JournalHeader);
  }

  #append(record: ManifestRow | JournalHeader | JournalWriting): void {
    // Never write to a closed descriptor: its number may belong to another file by now.
    if (this.#fd === null) throw new Error('the journal is closed');
    writeAll(this.#fd, Buffer.from(`${JSON.stringify(record)}\n`));
  }

  add(row: ManifestRow): void {
    this.#append(row);
  }

  /**
   * Recorded before a row's file is written (its row only once the file is on disk): a
   * run killed between the two leaves a file that is the run's own, not one changed
   * since, and the next run knows it.
   */
  writing(file: string, sha256: string): void {
    this.#append({ writing: file, sha256 });
  }

  close(): void {
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }
}

export function clearJournal(dir: string): void {
  rmSync(`${dir}/${journalName}`, { force: true });
}
