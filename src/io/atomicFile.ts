import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { CareprintError } from '../errors.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte to `fd`. A descriptor another program set non-blocking (a pipe to a
 * slow reader) answers EAGAIN while the pipe is full: the write waits a moment and goes on.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

function writeError(path: string, error: unknown): CareprintError {
  return CareprintError.of('io', path, `cannot write the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
}

/**
 * A FIFO, a device or a socket at `path` is never replaced by the renamed file: its
 * reader would get nothing, and a device node would be gone. (A symbolic link is
 * replaced, as a file is.)
 */
function refuseNonRegular(path: string, stats: Stats | undefined): void {
  if (stats !== undefined && !stats.isFile() && !stats.isSymbolicLink()) {
    const what = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a FIFO' : stats.isSocket() ? 'a socket' : 'a device';
    throw CareprintError.of('io', path, `is ${what}, not a file; careprint does not replace it`);
  }
}

function lstatOrNothing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The temporary file beside `path`, unique to this process and thread. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${threadId}.tmp`);
}

const tempName = /^\..+\.(\d+)-\d+\.tmp$/;

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files in `dir` that a process killed while writing left
 * behind (those of a process still running are its writes in flight, and stay).
 */
export function removeAbandonedTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = tempName.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Writes a file so that it is either whole or absent: bytes go to a temporary file
 * beside the target, are flushed to disk, and the temporary file is renamed over
 * the target.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const file = new AtomicFileWriter(path);
  file.write(bytes);
  file.commit();
}

/**
 * `writeFileAtomic` without blocking: the write and the flush run on libuv's thread
 * pool, so a batch keeps several files in flight while the next rows render.
 * `dirExists` skips making the directory, for a caller that writes many files to one
 * it has made.
 */
export async function writeFileAtomicAsync(path: string, bytes: Uint8Array, options: { readonly dirExists?: boolean } = {}): Promise<void> {
  refuseNonRegular(path, await lstat(path).catch(() => undefined));
  const temp = tempPathFor(path);
  try {
    if (!options.dirExists) await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(path, error);
  }
}

/**
 * A file written in pieces that appears whole or not at all: pieces go to a temporary
 * file beside the target, and `commit` flushes it to disk and renames it over the
 * target. `abort` (or any failed write) removes the temporary file. For outputs too big
 * to hold in memory, such as a batch's print file.
 */
export class AtomicFileWriter {
  readonly #path: string;
  readonly #temp: string;
  #fd: number | null;
  #written = 0;

  constructor(path: string) {
    refuseNonRegular(path, lstatOrNothing(path));
    this.#path = path;
    this.#temp = tempPathFor(path);
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.#fd = openSync(this.#temp, 'w', 0o644);
    } catch (error) {
      throw writeError(path, error);
    }
  }

  /** Bytes written so far: the offset of the next piece. */
  get offset(): number {
    return this.#written;
  }

  write(bytes: Uint8Array): void {
    if (this.#fd === null) throw new Error(`${this.#path} is already closed`);
    try {
      writeAll(this.#fd, bytes);
      this.#written += bytes.length;
    } catch (error) {
      this.abort();
      throw writeError(this.#path, error);
    }
  }

  commit(): void {
    if (this.#fd === null) throw new Error(`${this.#path} is already closed`);
    const fd = this.#fd;
    this.#fd = null;
    try {
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(this.#temp, this.#path);
    } catch (error) {
      rmSync(this.#temp, { force: true });
      throw writeError(this.#path, error);
    }
  }

  abort(): void {
    if (this.#fd !== null) {
      closeSync(this.#fd);
      this.#fd = null;
    }
    rmSync(this.#temp, { force: true });
  }
}
