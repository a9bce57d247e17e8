import { CareprintError } from '../errors.js';
import type { FontMetrics, ShapedSegment, ShapedText, TextStyle } from '../layout/metrics.js';
import { loadFace, type FaceId, type LoadedFace } from './faces.js';
import { RecentCache } from '../util/recentCache.js';
import { pairKerning, storedKerning } from './kerningTable.js';

interface GlyphInfo {
  readonly id: number;
  readonly advance: number;
}

/**
 * Per-face caches of glyph id and advance per code point and of kerning per glyph
 * pair, so a word costs a few map look-ups instead of a shaping pass. Kerning comes
 * from fontkit's own layout of the pair (GPOS or kern), the same value that the
 * painter writes into the TJ array: measuring and drawing agree by construction.
 * The pairs of common characters come from the table made ahead (fonts/kerning.json);
 * any other pair is learnt from the font the first time it is met.
 */
class FaceCache {
  private readonly glyphs = new Map<number, GlyphInfo | null>();
  /** The tabled pairs, and every pair learnt since. */
  private readonly kernByPair: Map<number, number>;
  private readonly tabled: ReadonlySet<number>;

  constructor(readonly face: LoadedFace, useStoredKerning: boolean) {
    const stored = useStoredKerning ? storedKerning(face) : null;
    this.tabled = stored?.covered ?? new Set();
    this.kernByPair = stored?.byPair ?? new Map();
  }

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

  /** Kerning between each neighbouring pair of `codePoints`, in thousandths of an em. */
  kerning(codePoints: readonly number[]): number[] {
    const kerns: number[] = [];
    for (let i = 1; i < codePoints.length; i++) {
      const left = codePoints[i - 1] as number;
      const right = codePoints[i] as number;
      const key = left * 0x110000 + right;
      let value = this.kernByPair.get(key);
      if (value === undefined) {
        // A pair of tabled characters that the table does not list has no kerning.
        value = this.tabled.has(left) && this.tabled.has(right) ? 0 : pairKerning(this.face, left, right);
        this.kernByPair.set(key, value);
      }
      kerns.push(value);
    }
    return kerns;
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

  /**
   * @param useStoredKerning take the kerning of common pairs from fonts/kerning.json
   *   (the default); false learns every pair from the fonts, to compare the two.
   */
  constructor(private readonly useStoredKerning = true) {
    const regular = this.cache('regular').face;
    this.ascent = regular.font.ascent * regular.scale;
    this.descent = Math.abs(regular.font.descent) * regular.scale;
  }

  private cache(id: FaceId): FaceCache {
    let cache = this.caches.get(id);
    if (!cache) {
      cache = new FaceCache(loadFace(id), this.useStoredKerning);
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
    const flush = () => {
      if (!cache) return;
      const kerns = cache.kerning(codePoints);
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
      }
      const glyph = picked.glyph(cp) as GlyphInfo;
      glyphIds.push(glyph.id);
      advances.push(glyph.advance);
      codePoints.push(cp);
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
