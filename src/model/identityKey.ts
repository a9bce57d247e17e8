import { withoutDefaultIgnorables } from './invisibles.js';

/**
 * The one key every identity comparison uses: two values that a person reads as the
 * same (a session id, a record number, a name) have the same key. Compatibility forms
 * are folded (NFKC: a full-width "ＨＬ" is "HL", a ligature "ﬁ" is "fi"), invisible
 * characters removed ("Whit\u200Bfield" is "whitfield"), case folded ("STRASSE" and
 * "Straße" are "strasse") and white space runs read as one space.
 */
export function identityKey(text: string): string {
  const folded = withoutDefaultIgnorables(text.normalize('NFKC')).toUpperCase().toLowerCase();
  return folded.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A person's name as people compare names: its identity key without accents, its
 * words in any order ("Whitfield, Dana" is "Dana Whitfield"; "Núñez" is "NUNEZ").
 */
export function personNameKey(name: string): string {
  return identityKey(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/**
 * A value as a file name holds it: compatibility forms folded and invisible characters
 * removed, case kept (the files of a run keep the record number as written).
 */
export function fileNameForm(text: string): string {
  return withoutDefaultIgnorables(text.normalize('NFKC')).trim();
}
