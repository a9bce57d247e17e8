import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fontFileUrl, type FaceId, type LoadedFace } from './faces.js';

/**
 * Kerning between two characters, in thousandths of an em: fontkit's layout of the
 * pair (its GPOS or kern table), less the left glyph's own advance. A pair that the
 * font substitutes (a ligature, a decomposition) is not kerned.
 */
export function pairKerning(face: LoadedFace, left: number, right: number): number {
  const run = face.font.layout(String.fromCodePoint(left, right));
  const first = run.positions[0];
  if (run.glyphs.length !== 2 || !first) return 0;
  return first.xAdvance * face.scale - face.font.glyphForCodePoint(left).advanceWidth * face.scale;
}

/** The faces whose pairs are tabled: the Atkinson faces, which print nearly all text. */
export const tabledFaces = ['regular', 'bold', 'italic', 'boldItalic'] as const satisfies readonly FaceId[];

/**
 * The characters whose pairs are tabled: printable ASCII, Latin-1 (Spanish and most
 * Western European names) and the typographic punctuation the templates use.
 */
export function tabledCharacters(): number[] {
  const chars: number[] = [];
  for (let c = 0x20; c <= 0x7e; c++) chars.push(c);
  for (let c = 0xa0; c <= 0xff; c++) chars.push(c);
  for (const c of '‘’“”–—•…€') chars.push(c.codePointAt(0) as number);
  return chars;
}

/**
 * The kerning of every pair of tabled characters in one face, as stored in
 * fonts/kerning.json: the font's SHA-256, the characters it has glyphs for, and per left
 * character the right characters it kerns with and by how much (pairs not listed: 0).
 */
export interface StoredFaceKerning {
  readonly sha256: string;
  readonly chars: string;
  readonly pairs: Record<string, readonly [right: string, values: readonly number[]]>;
}

export type StoredKerning = Partial<Record<FaceId, StoredFaceKerning>>;

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lays out every pair of tabled characters the face has (about 40,000 pairs: seconds, so made once, not per process). */
export function measureFaceKerning(face: LoadedFace): StoredFaceKerning {
  const chars = tabledCharacters().filter((c) => face.font.hasGlyphForCodePoint(c));
  const pairs: Record<string, [string, number[]]> = {};
  for (const left of chars) {
    let rights = '';
    const values: number[] = [];
    for (const right of chars) {
      const value = pairKerning(face, left, right);
      if (value === 0) continue;
      rights += String.fromCodePoint(right);
      values.push(value);
    }
    if (values.length > 0) pairs[String.fromCodePoint(left)] = [rights, values];
  }
  return { sha256: digest(face.bytes), chars: String.fromCodePoint(...chars), pairs };
}

/** A face's tabled pairs, ready for look-up. */
export interface FaceKerning {
  /** The characters whose pairs are all known: a pair of two of them not in `byPair` has no kerning. */
  readonly covered: ReadonlySet<number>;
  /** Kerning by `left * 0x110000 + right`: a new map on every call, the caller's to add learnt pairs to. */
  readonly byPair: Map<number, number>;
}

export const kerningFileName = 'kerning.json';

let stored: StoredKerning | null | undefined;

function readStored(): StoredKerning | null {
  if (stored === undefined) {
    try {
      stored = JSON.parse(readFileSync(fontFileUrl(kerningFileName), 'utf8')) as StoredKerning;
    } catch {
      // No table (or an unreadable one): kerning is learnt from the fonts, as for any other character.
      stored = null;
    }
  }
  return stored;
}

/**
 * The stored kerning of a face, or null when there is none or it was made from other
 * font bytes (a font replaced without `npm run kerning`): then every pair is learnt from
 * the font itself, slower but right.
 */
export function storedKerning(face: LoadedFace): FaceKerning | null {
  const entry = readStored()?.[face.id];
  if (!entry || entry.sha256 !== digest(face.bytes)) return null;
  const covered = new Set<number>();
  for (const ch of entry.chars) covered.add(ch.codePointAt(0) as number);
  const byPair = new Map<number, number>();
  for (const [left, [rights, values]] of Object.entries(entry.pairs)) {
    const l = left.codePointAt(0) as number;
    let i = 0;
    for (const right of rights) byPair.set(l * 0x110000 + (right.codePointAt(0) as number), values[i++] as number);
  }
  return { covered, byPair };
}
