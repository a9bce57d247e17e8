import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { CareprintError } from '../errors.js';
import { descriptorOf, writeOutput } from '../io/writeOutput.js';
import { jsonSyntaxReason } from '../util/jsonErrors.js';
import { UsageError } from './exit.js';

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
    throw CareprintError.of('input_invalid', what, `not valid JSON (${jsonSyntaxReason(error)})`);
  }
}

/**
 * Writes the whole PDF where `--out` says (see io/writeOutput): a file atomically, "-",
 * /dev/stdout or /dev/fd/N through the descriptor, a FIFO or a device in place.
 */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  writeOutput(path, bytes);
}

/**
 * Refuses, before any work, an output that cannot take a PDF: "-" when standard output
 * is a terminal (its bytes would scroll past as garbage), and a folder (a PDF needs a
 * file name; `batch` is the command that fills a folder).
 */
export function checkOutput(path: string): void {
  const fd = descriptorOf(path);
  if (fd !== undefined) {
    if (isatty(fd)) throw new UsageError(`--out ${path}: ${fd === 1 ? 'standard output' : `descriptor ${fd}`} is a terminal; send it to a file (> sheet.pdf) or a program (| lp), or give --out sheet.pdf`, { helps: false });
    return;
  }
  let folder = /[/\\]$/.test(path);
  try {
    folder ||= statSync(path).isDirectory();
  } catch {
    // Not there yet: it is made.
  }
  if (folder) throw new UsageError(`--out ${path}: is a folder; name the PDF file in it, as in ${join(path, 'sheet.pdf')}`, { helps: false });
}
