import { CareprintError } from '../errors.js';
import type { FontMetrics, ShapedSegment, ShapedText, TextStyle } from '../layout/metrics.js';
import { loadFace, type FaceId, type LoadedFace } from './faces.js';

interface GlyphInfo {
  readonly id: number;
  readonly advance: number;
}

/**
 * Per-face caches of glyph id and advance per code point and of kerning per glyph
 * pair, so a word costs a few map look-ups instead of a shaping pass. Kerning comes
 * from fontkit's own layout of the pair (GPOS or kern), the same value that the
 * painter writes into the TJ array: measuring and drawing agree by construction.
 */
class FaceCache {
  private readonly glyphs = new Map<number, GlyphInfo | null>();
  private readonly kernByPair = new Map<number, number>();

  constructor(readonly face: LoadedFace) {}

  glyph(codePoint: number): GlyphInfo | null {
    let info = this.glyphs.get(codePoint);
    if (info === undefined) {
      const { font, scale } = this.face;
      info = font.hasGlyphForCodePoint(codePoint) ? (() => {
        const g = font.glyphForCodePoint(codePoint);
        return { id: g.id, advance: g.advanceWidth * scale };
      })() : null;
      this.glyphs.set(codePoint, info);
    }
    return info;
  }

  /**
   * Kerning between each neighbouring pair of `codePoints`, in thousandths of an em.
   * Pairs not seen before are learnt all at once from one fontkit layout of the whole
   * run (one shaping pass per new word instead of one per pair).
   */
  kerning(codePoints: readonly number[], glyphs: readonly GlyphInfo[]): number[] {
    const keys = codePoints.slice(1).map((right, i) => (codePoints[i] ?? 0) * 0x110000 + right);
    if (keys.some((k) => !this.kernByPair.has(k))) this.learn(codePoints, glyphs, keys);
    return keys.map((k) => this.kernByPair.get(k) ?? 0);
  }

  private learn(codePoints: readonly number[], glyphs: readonly GlyphInfo[], keys: readonly number[]): void {
    const run = this.face.font.layout(String.fromCodePoint(...codePoints));
    const aligned = run.glyphs.length === codePoints.length;
    keys.forEach((key, i) => {
      if (this.kernByPair.has(key)) return;
      const position = run.positions[i];
      // A ligature or reordering breaks glyph-for-code-point alignment: learn that pair alone.
      const value = aligned && position ? position.xAdvance * this.face.scale - (glyphs[i] as GlyphInfo).advance : this.pairKern(codePoints[i] ?? 0, codePoints[i + 1] ?? 0, glyphs[i] as GlyphInfo);
      this.kernByPair.set(key, value);
    });
  }

  private pairKern(left: number, right: number, leftGlyph: GlyphInfo): number {
    const run = this.face.font.layout(String.fromCodePoint(left, right));
    const first = run.positions[0];
    return run.glyphs.length === 2 && first ? first.xAdvance * this.face.scale - leftGlyph.advance : 0;
  }
}

function primaryFace(style: TextStyle): FaceId {
  if (style.bold) return style.italic ? 'boldItalic' : 'bold';
  return style.italic ? 'italic' : 'regular';
}

export class FontkitMetrics implements FontMetrics {
  private readonly caches = new Map<FaceId, FaceCache>();
  readonly ascent: number;
  readonly descent: number;

  constructor() {
    const regular = this.cache('regular').face;
    this.ascent = regular.font.ascent * regular.scale;
    this.descent = Math.abs(regular.font.descent) * regular.scale;
  }

  private cache(id: FaceId): FaceCache {
    let cache = this.caches.get(id);
    if (!cache) {
      cache = new FaceCache(loadFace(id));
      this.caches.set(id, cache);
    }
    return cache;
  }

  private pick(codePoint: number, style: TextStyle): { cache: FaceCache; glyph: GlyphInfo } | null {
    for (const id of [primaryFace(style), style.bold ? 'fallbackBold' : 'fallback'] as const) {
      const cache = this.cache(id);
      const glyph = cache.glyph(codePoint);
      if (glyph) return { cache, glyph };
    }
    return null;
  }

  unprintable(text: string): string[] {
    const missing = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x20 && ch !== '\n' && ch !== '\t') continue;
      if (/\s/.test(ch)) continue;
      if (!this.pick(cp, { bold: false, italic: false }) || !this.pick(cp, { bold: true, italic: false })) missing.add(ch);
    }
    return [...missing];
  }

  shape(text: string, style: TextStyle): ShapedText {
    const segments: ShapedSegment[] = [];
    let current: { cache: FaceCache; glyphIds: number[]; advances: number[]; codePoints: number[]; glyphs: GlyphInfo[] } | null = null;
    const flush = () => {
      if (!current) return;
      const { cache, glyphIds, advances, codePoints, glyphs } = current;
      cache.kerning(codePoints, glyphs).forEach((kern, i) => {
        advances[i] = (advances[i] ?? 0) + kern;
      });
      segments.push({ face: cache.face.id, glyphIds, advances, codePoints, width: advances.reduce((a, b) => a + b, 0) });
      current = null;
    };
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      const picked = this.pick(cp, style);
      if (!picked) {
        throw CareprintError.of('font_missing_glyph', 'text', `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot be printed by the embedded fonts`);
      }
      if (!current || current.cache !== picked.cache) {
        flush();
        current = { cache: picked.cache, glyphIds: [], advances: [], codePoints: [], glyphs: [] };
      }
      current.glyphIds.push(picked.glyph.id);
      current.advances.push(picked.glyph.advance);
      current.codePoints.push(cp);
      current.glyphs.push(picked.glyph);
    }
    flush();
    return { segments, width: segments.reduce((a, s) => a + s.width, 0) };
  }
}

let shared: FontkitMetrics | undefined;
/** One metrics object per process: fonts parsed once, caches warm across documents. */
export function sharedMetrics(): FontkitMetrics {
  shared ??= new FontkitMetrics();
  return shared;
}
