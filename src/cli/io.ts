import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { CareprintError } from '../errors.js';

/** Reads JSON from a file, or from standard input for "-". `what` names the option in errors. */
export function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw CareprintError.of('io', what, code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`, { cause: error });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw CareprintError.of('input_invalid', what, `not valid JSON (${(error as Error).message.replace(/^JSON\.parse: /, '')})`);
  }
}

/**
 * Writes a file so that it is either whole or absent: bytes go to a temporary file
 * beside the target, are flushed to disk, and the temporary file is renamed over
 * the target. "-" writes to standard output.
 */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  if (path === '-') {
    writeAll(1, bytes);
    return;
  }
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw CareprintError.of('io', path, `cannot write the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
