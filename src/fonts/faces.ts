import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

/** The faces careprint embeds. Atkinson Hyperlegible Next first; DejaVu Sans per character where Atkinson lacks a glyph. */
export const faceFiles = {
  regular: 'AtkinsonHyperlegibleNext-Regular.ttf',
  bold: 'AtkinsonHyperlegibleNext-Bold.ttf',
  italic: 'AtkinsonHyperlegibleNext-Italic.ttf',
  boldItalic: 'AtkinsonHyperlegibleNext-BoldItalic.ttf',
  fallback: 'DejaVuSans.ttf',
  fallbackBold: 'DejaVuSans-Bold.ttf',
} as const;

export type FaceId = keyof typeof faceFiles;

/** A parsed font, loaded once per process. */
export interface LoadedFace {
  readonly id: FaceId;
  readonly bytes: Uint8Array;
  readonly font: Font;
  /** Multiply font units by this to get thousandths of an em. */
  readonly scale: number;
}

const fontsDir = new URL('../../fonts/', import.meta.url);

/** A file in the fonts directory. */
export function fontFileUrl(name: string): URL {
  return new URL(name, fontsDir);
}
const loaded = new Map<FaceId, LoadedFace>();

export function loadFace(id: FaceId): LoadedFace {
  const cached = loaded.get(id);
  if (cached) return cached;
  const bytes = new Uint8Array(readFileSync(fontFileUrl(faceFiles[id])));
  const font = fontkit.create(bytes);
  const face: LoadedFace = { id, bytes, font, scale: 1000 / font.unitsPerEm };
  loaded.set(id, face);
  return face;
}

export function isFaceId(id: string): id is FaceId {
  return Object.hasOwn(faceFiles, id);
}
