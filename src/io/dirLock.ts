import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CareprintError } from '../errors.js';
import { isRunning } from './atomicFile.js';

const lockName = '.careprint.lock';

/** Who holds a run directory: the lock file's lines. */
export interface LockHolder {
  readonly pid: number;
  /** The machine's name; absent in a lock written before careprint recorded it. */
  readonly host?: string;
  /** Linux's id of the machine's current boot, which changes when it restarts. */
  readonly boot?: string;
}

/** This process as a lock's holder. */
export function thisHolder(): LockHolder {
  const boot = bootId();
  return { pid: process.pid, host: hostname(), ...(boot ? { boot } : {}) };
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function lockText(holder: LockHolder): string {
  return `${holder.pid}\n${holder.host ?? ''}\n${holder.boot ?? ''}\n`;
}

/** The holder a lock file names, or null when it names none (empty, or not a lock's text). */
export function parseLock(text: string): LockHolder | null {
  const [pidLine = '', host = '', boot = ''] = text.split('\n').map((line) => line.trim());
  if (!/^\d+$/.test(pidLine)) return null;
  const pid = Number(pidLine);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { pid, ...(host ? { host } : {}), ...(boot ? { boot } : {}) };
}

/**
 * Whether a lock's holder may still be writing: `stale` when it has certainly ended (a
 * process of this machine that is gone, or one from before the machine restarted),
 * `elsewhere` when it is another machine's (a shared folder), which this one cannot
 * see, and `live` when it runs here.
 */
export function holderState(holder: LockHolder, here: LockHolder, running: (pid: number) => boolean): 'live' | 'stale' | 'elsewhere' {
  if (holder.host !== undefined && here.host !== undefined && holder.host !== here.host) return 'elsewhere';
  if (holder.boot !== undefined && here.boot !== undefined && holder.boot !== here.boot) return 'stale';
  return holder.pid !== here.pid && running(holder.pid) ? 'live' : 'stale';
}

/** A lock with no holder in it yet is one another run has just made: younger than this, it is taken as held. */
const justMadeMs = 10_000;

/**
 * Holds `dir` for this process: a second run into the same directory at the same time
 * (the nightly job and a manual run) would interleave its journal and remove files the
 * first is writing, so it is refused while the holder runs. A lock left by a process
 * that has ended (killed, or the machine restarted) is taken over. A lock from another
 * machine (a run directory on a shared folder) is never taken over: this machine cannot
 * tell whether that run still writes. Returns the release.
 */
export function lockDirectory(dir: string): () => void {
  const path = join(dir, lockName);
  const here = thisHolder();
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw CareprintError.of('io', 'out', `cannot lock the run directory ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
      refuseIfHeld(dir, path, here);
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, lockText(here));
    } finally {
      closeSync(fd);
    }
    return () => rmSync(path, { force: true });
  }
  throw sameMoment(dir);
}

function refuseIfHeld(dir: string, path: string, here: LockHolder): void {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(path, 'utf8');
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch {
    return; // gone since: free
  }
  const holder = parseLock(text);
  if (holder === null) {
    if (ageMs < justMadeMs) throw sameMoment(dir);
    return;
  }
  const state = holderState(holder, here, isRunning);
  if (state === 'live') {
    throw CareprintError.of('io', 'out', `another careprint batch (process ${holder.pid}) is running into ${dir}`, {
      hint: `wait for it to finish, then run again: rows it wrote are kept; if no careprint batch is running, remove ${path}`,
    });
  }
  if (state === 'elsewhere') {
    throw CareprintError.of('io', 'out', `a careprint batch on ${holder.host} (process ${holder.pid}) holds ${dir}`, {
      hint: `wait for it to finish, then run again: rows it wrote are kept; if no careprint batch runs on ${holder.host} any more, remove ${path}`,
    });
  }
}

function sameMoment(dir: string): CareprintError {
  return CareprintError.of('io', 'out', `cannot lock the run directory ${dir}: another run took it at the same moment`, { hint: 'wait for it to finish, then run again' });
}
