import { parseTime } from '../time/parseTime.js';
import { isoDateIn } from '../time/zone.js';
import { fileNameForm } from '../model/identityKey.js';

/**
 * Letters, digits, dot, dash and underscore; anything else becomes "-". Read through
 * the identity key's folding first, so a value a person reads as the same names the
 * same file: a full-width "ＨＬ-100234" is HL-100234, and an invisible character leaves
 * no trace (not "HL-100-234").
 */
export function safeFilePart(text: string): string {
  return fileNameForm(text).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'unnamed';
}

/** `<session date>_<mrn>_<document>.pdf`; a packet is named `packet`. */
export function outputFileName(sessionDate: string, mrn: string, docs: readonly string[]): string {
  return `${sessionDate}_${safeFilePart(mrn)}_${docs.length === 1 ? docs[0] : 'packet'}.pdf`;
}

/**
 * The file a row will be written to, worked out from its raw input before any
 * rendering, so two rows that would overwrite each other are caught first. Undefined
 * when the row lacks what the name needs (it will be invalid anyway).
 */
export function plannedFileName(input: unknown, zone: string, docs: readonly string[]): string | undefined {
  const visit = input as { patient?: { mrn?: unknown }; session?: { start?: unknown } } | null;
  const mrn = visit?.patient?.mrn;
  const start = visit?.session?.start;
  if (typeof mrn !== 'string' || typeof start !== 'string' || mrn.trim() === '') return undefined;
  const parsed = parseTime(start, zone);
  if (parsed.kind === 'error') return undefined;
  return outputFileName(isoDateIn(parsed.instantMs, zone), mrn, docs);
}
