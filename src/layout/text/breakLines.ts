import type { Inline } from '../../markup/blocks.js';
import type { FontMetrics, ShapedSegment, TextStyle } from '../metrics.js';
import type { TextBox } from '../types.js';
import { RecentCache } from '../../util/recentCache.js';

/** One laid-out line: boxes with x from the line's start and y = 0 on the baseline. */
export interface Line {
  readonly width: number;
  readonly boxes: readonly TextBox[];
}

interface Piece {
  readonly segments: readonly ShapedSegment[];
  readonly width: number;
}
type Token = { readonly kind: 'word'; readonly pieces: Piece[]; readonly width: number; readonly attached: boolean } | { readonly kind: 'space'; readonly piece: Piece } | { readonly kind: 'break' };

export interface TextSettings {
  readonly sizePt: number;
  readonly gray: number;
  readonly maxWidthPt: number;
}

function shapePiece(metrics: FontMetrics, text: string, style: TextStyle, sizePt: number): Piece {
  const shaped = metrics.shape(text, style);
  return { segments: shaped.segments, width: (shaped.width * sizePt) / 1000 };
}

function tokenize(inlines: readonly Inline[], metrics: FontMetrics, sizePt: number): Token[] {
  const tokens: Token[] = [];
  let word: Piece[] | null = null;
  let attached = false;
  const endWord = (nextAttached = false) => {
    if (word) tokens.push({ kind: 'word', pieces: word, width: word.reduce((a, p) => a + p.width, 0), attached });
    word = null;
    attached = nextAttached;
  };
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      endWord();
      tokens.push({ kind: 'break' });
      continue;
    }
    const style = { bold: inline.bold, italic: inline.italic };
    for (const part of inline.text.split(/( )/)) {
      if (part === '') continue;
      if (part === ' ') {
        endWord();
        tokens.push({ kind: 'space', piece: shapePiece(metrics, ' ', style, sizePt) });
      } else {
        // A line may break after a hyphen between letters ("Featherstonehaugh-|Vandersteen"),
        // never inside a number or a code: "010-4400", "HL-100234", "2-3".
        const pieces = part.split(/(?<=\p{L}-)(?=\p{L})/u);
        pieces.forEach((text, i) => {
          if (i > 0) endWord(true);
          (word ??= []).push(shapePiece(metrics, text, style, sizePt));
        });
      }
    }
  }
  endWord();
  return tokens;
}

/**
 * The widest run of `inlines` that no line may break (a word, or one part of a
 * hyphenated name): the narrowest width the text can be set in whole.
 */
export function minContentWidth(inlines: readonly Inline[], metrics: FontMetrics, sizePt: number): number {
  let widest = 0;
  for (const token of tokenize(inlines, metrics, sizePt)) if (token.kind === 'word' && token.width > widest) widest = token.width;
  return widest;
}

/** Splits a piece that is wider than the line into pieces that fit, glyph by glyph. */
function splitPiece(piece: Piece, maxWidth: number, sizePt: number): Piece[] {
  const out: Piece[] = [];
  let segs: ShapedSegment[] = [];
  let width = 0;
  for (const seg of piece.segments) {
    let start = 0;
    for (let i = 0; i < seg.glyphIds.length; i++) {
      const w = ((seg.advances[i] ?? 0) * sizePt) / 1000;
      if (width + w > maxWidth && width > 0) {
        if (i > start) segs.push(sliceSegment(seg, start, i));
        out.push({ segments: segs, width });
        segs = [];
        width = 0;
        start = i;
      }
      width += w;
    }
    segs.push(sliceSegment(seg, start, seg.glyphIds.length));
  }
  if (segs.length > 0) out.push({ segments: segs, width });
  return out;
}

function sliceSegment(seg: ShapedSegment, from: number, to: number): ShapedSegment {
  const advances = seg.advances.slice(from, to);
  return { face: seg.face, glyphIds: seg.glyphIds.slice(from, to), advances, codePoints: seg.codePoints.slice(from, to), width: advances.reduce((a, b) => a + b, 0) };
}

class LineBuilder {
  private boxes: { face: string; x: number; glyphIds: number[]; advances: number[]; codePoints: number[] }[] = [];
  width = 0;

  constructor(private readonly settings: TextSettings) {}

  get empty(): boolean {
    return this.boxes.length === 0;
  }

  add(piece: Piece): void {
    for (const seg of piece.segments) {
      const last = this.boxes[this.boxes.length - 1];
      if (last && last.face === seg.face) {
        last.glyphIds.push(...seg.glyphIds);
        last.advances.push(...seg.advances);
        last.codePoints.push(...seg.codePoints);
      } else {
        this.boxes.push({ face: seg.face, x: this.width, glyphIds: [...seg.glyphIds], advances: [...seg.advances], codePoints: [...seg.codePoints] });
      }
      this.width += (seg.width * this.settings.sizePt) / 1000;
    }
  }

  finish(): Line {
    const { sizePt, gray } = this.settings;
    const line: Line = { width: this.width, boxes: this.boxes.map((b) => ({ kind: 'text', x: b.x, y: 0, sizePt, face: b.face, glyphIds: b.glyphIds, advances: b.advances, codePoints: b.codePoints, gray })) };
    this.boxes = [];
    this.width = 0;
    return line;
  }
}

/**
 * Greedy line breaking at spaces and `<br>`: a line never runs past `maxWidthPt`; a
 * word longer than a whole line is broken between glyphs. Bold and italic runs keep
 * their own faces; a character the primary face lacks comes from the fallback face.
 * A space is only drawn between two words on the same line.
 */
export function breakLines(inlines: readonly Inline[], metrics: FontMetrics, settings: TextSettings): readonly Line[] {
  let cache = lineCaches.get(metrics);
  if (!cache) lineCaches.set(metrics, (cache = new RecentCache(1024, { secondUse: true })));
  return cache.getOrMake(cacheKey(inlines, settings), () => breakLinesUncached(inlines, metrics, settings));
}

/**
 * Broken paragraphs by metrics, text and settings. Most of a document's paragraphs are
 * the template's own words, the same for every patient, so a day's documents break
 * each of them once. A paragraph is kept from its second use on, so one with a
 * patient's name in it costs no memory. Lines are immutable, so sharing them is safe.
 */
const lineCaches = new WeakMap<FontMetrics, RecentCache<string, readonly Line[]>>();

function cacheKey(inlines: readonly Inline[], { sizePt, gray, maxWidthPt }: TextSettings): string {
  let key = `${sizePt}|${gray}|${maxWidthPt}|`;
  // Each run is length-prefixed, so no text can make two different paragraphs share a key.
  for (const inline of inlines) key += inline.kind === 'break' ? '/' : `${inline.bold ? 'B' : 'r'}${inline.italic ? 'I' : 'r'}${inline.text.length}:${inline.text}`;
  return key;
}

function breakLinesUncached(inlines: readonly Inline[], metrics: FontMetrics, settings: TextSettings): Line[] {
  const { maxWidthPt, sizePt } = settings;
  const lines: Line[] = [];
  const builder = new LineBuilder(settings);
  let pendingSpace: Piece | null = null;
  for (const token of tokenize(inlines, metrics, sizePt)) {
    if (token.kind === 'break') {
      lines.push(builder.finish());
      pendingSpace = null;
    } else if (token.kind === 'space') {
      if (!builder.empty) pendingSpace = token.piece;
    } else {
      const spaceWidth = pendingSpace && !builder.empty && !token.attached ? pendingSpace.width : 0;
      if (token.width > maxWidthPt + 1e-6) {
        if (!builder.empty) lines.push(builder.finish());
        const whole: Piece = { segments: token.pieces.flatMap((p) => p.segments), width: token.width };
        splitPiece(whole, maxWidthPt, sizePt).forEach((part, i) => {
          if (i > 0) lines.push(builder.finish());
          builder.add(part);
        });
      } else {
        if (!builder.empty && builder.width + spaceWidth + token.width > maxWidthPt + 1e-6) lines.push(builder.finish());
        else if (pendingSpace && !builder.empty && !token.attached) builder.add(pendingSpace);
        for (const piece of token.pieces) builder.add(piece);
      }
      pendingSpace = null;
    }
  }
  if (!builder.empty || lines.length === 0) lines.push(builder.finish());
  return lines;
}
