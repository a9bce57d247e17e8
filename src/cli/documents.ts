import { checkDocs } from '../document/docs.js';
import { CareprintError } from '../errors.js';
import { UsageError } from './exit.js';

/**
 * The documents a command-line option names ("consent,fasting"), checked before any
 * work: an unknown or repeated one is a usage error (exit 2) naming the option and the
 * known documents, in every command alike.
 */
export function documentsOption(option: string, value: string, known?: readonly string[]): string[] {
  const docs = value
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  try {
    checkDocs(docs, known);
  } catch (error) {
    if (error instanceof CareprintError) throw new UsageError(`${option}: ${error.problems.map((p) => p.message + (p.hint ? ` (${p.hint})` : '')).join('; ')}`);
    throw error;
  }
  return docs;
}
