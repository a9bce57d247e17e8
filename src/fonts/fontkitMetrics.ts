import { CareprintError } from '../errors.js';
import type { FontMetrics, ShapedSegment, ShapedText, TextStyle } from '../layout/metrics.js';
import { loadFace, type FaceId, type LoadedFace } from './faces.js';
import { RecentCache } from '../util/recentCache.js';

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

/** The four styles as small numbers, for cache keys. */
function styleIndex(style: TextStyle): number {
  return (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
}

export class FontkitMetrics implements FontMetrics {
  private readonly caches = new Map<FaceId, FaceCache>();
  /**
   * Shaped words by style and text. The words of a patient's own sentences ("Stop
   * eating at 3:00 AM on Tuesday") are nearly all words other documents used before,
   * so a paragraph the line cache has not seen is still mostly look-ups.
   */
  private readonly shaped = new RecentCache<string, ShapedText>(2048, { secondUse: true });
  private readonly missing = new RecentCache<string, readonly string[]>(1024, { secondUse: true });
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

  /** The face that prints `codePoint` in `style` (the primary face, else the fallback), or null. */
  private pick(codePoint: number, style: TextStyle): FaceCache | null {
    const primary = this.cache(primaryFace(style));
    if (primary.glyph(codePoint)) return primary;
    const fallback = this.cache(style.bold ? 'fallbackBold' : 'fallback');
    return fallback.glyph(codePoint) ? fallback : null;
  }

  unprintable(text: string): string[] {
    return [...this.missing.getOrMake(text, () => this.findUnprintable(text))];
  }

  private findUnprintable(text: string): string[] {
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
    return this.shaped.getOrMake(`${styleIndex(style)}${text}`, () => this.shapeUncached(text, style));
  }

  private shapeUncached(text: string, style: TextStyle): ShapedText {
    const segments: ShapedSegment[] = [];
    let cache: FaceCache | null = null;
    let glyphIds: number[] = [];
    let advances: number[] = [];
    let codePoints: number[] = [];
    let glyphs: GlyphInfo[] = [];
    const flush = () => {
      if (!cache) return;
      const kerns = cache.kerning(codePoints, glyphs);
      let width = 0;
      for (let i = 0; i < advances.length; i++) {
        advances[i] = (advances[i] as number) + (kerns[i] ?? 0);
        width += advances[i] as number;
      }
      segments.push({ face: cache.face.id, glyphIds, advances, codePoints, width });
    };
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      const picked = this.pick(cp, style);
      if (!picked) {
        throw CareprintError.of('font_missing_glyph', 'text', `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot be printed by the embedded fonts`);
      }
      if (picked !== cache) {
        flush();
        cache = picked;
        glyphIds = [];
        advances = [];
        codePoints = [];
        glyphs = [];
      }
      const glyph = picked.glyph(cp) as GlyphInfo;
      glyphIds.push(glyph.id);
      advances.push(glyph.advance);
      codePoints.push(cp);
      glyphs.push(glyph);
    }
    flush();
    let width = 0;
    for (const segment of segments) width += segment.width;
    return { segments, width };
  }
}

let shared: FontkitMetrics | undefined;
/** One metrics object per process: fonts parsed once, caches warm across documents. */
export function sharedMetrics(): FontkitMetrics {
  shared ??= new FontkitMetrics();
  return shared;
}
