import { usesJoiners } from './scripts.js';

/**
 * Characters that change how text reads without showing themselves: bidirectional
 * controls reorder what follows (one viewer shows "\u202Edleiftih W" as "W hitfield",
 * the page prints "dleiftihW"), and zero-width and other default-ignorable characters
 * make two strings that print alike differ ("Whit\u200Bfield" is not "Whitfield" to a comparison, a
 * search in the chart, or a file name).
 */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const defaultIgnorable = /\p{Default_Ignorable_Code_Point}/u;
const anyDefaultIgnorable = /\p{Default_Ignorable_Code_Point}/gu;
const zeroWidthJoiners = new Set(['\u200c', '\u200d']);

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text without its default-ignorable code points: what a reader sees of it. */
export function withoutDefaultIgnorables(text: string): string {
  return text.replace(anyDefaultIgnorable, '');
}

/**
 * ZWJ or ZWNJ between two letters of a script that spells with them is part of the
 * word; anywhere else it only hides a difference.
 */
function joinerInsideWord(chars: readonly string[], i: number): boolean {
  const before = chars[i - 1];
  const after = chars[i + 1];
  return before !== undefined && after !== undefined && usesJoiners(before) && usesJoiners(after);
}

export type TextKind = 'identifier' | 'text';

/**
 * Why `text` cannot be taken as typed because of an invisible character, or undefined.
 * An identifier (a record number, a session id) must be exactly the characters it
 * shows, so every default-ignorable code point is refused there; other text keeps only
 * a ZWJ or ZWNJ inside a word of a script that uses them. The message names the code
 * point, never the text around it.
 */
export function invisibleCharacterProblem(text: string, kind: TextKind): string | undefined {
  if (!defaultIgnorable.test(text)) return undefined;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (!defaultIgnorable.test(ch)) continue;
    if (bidiControls.test(ch)) {
      return `has a bidirectional control character (${codePointLabel(ch)}) that would change the order of the printed text; remove it`;
    }
    if (kind === 'text' && zeroWidthJoiners.has(ch) && joinerInsideWord(chars, i)) continue;
    return kind === 'identifier'
      ? `has an invisible character (${codePointLabel(ch)}): an identifier must be exactly the characters it shows; remove it`
      : `has an invisible character (${codePointLabel(ch)}): the printed text would not match the record; remove it`;
  }
  return undefined;
}
