import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CareprintError } from '../errors.js';
import { isRunning } from './atomicFile.js';

const lockName = '.careprint.lock';

/**
 * Holds `dir` for this process: a second run into the same directory at the same time
 * (the nightly job and a manual run) would interleave its journal and remove files the
 * first is writing, so it is refused while the holder runs. A lock left by a process
 * that has ended (killed, or the machine restarted) is taken over. Returns the release.
 */
export function lockDirectory(dir: string): () => void {
  const path = join(dir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw CareprintError.of('io', 'out', `cannot lock the run directory ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
      const holder = holderOf(path);
      if (holder !== null && holder !== process.pid && isRunning(holder)) {
        throw CareprintError.of('io', 'out', `another careprint batch (process ${holder}) is running into ${dir}`, {
          hint: `wait for it to finish, then run again: rows it wrote are kept; if no careprint batch is running, remove ${path}`,
        });
      }
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return () => rmSync(path, { force: true });
  }
  throw CareprintError.of('io', 'out', `cannot lock the run directory ${dir}: another run took it at the same moment`, { hint: 'wait for it to finish, then run again' });
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
