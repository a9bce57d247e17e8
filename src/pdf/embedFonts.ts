import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFRef } from 'pdf-lib';
import { loadFace, isFaceId, type FaceId, type LoadedFace } from '../fonts/faces.js';
import { flateStream } from './streams.js';
import { RecentCache } from '../util/recentCache.js';
import { PDFRawValue, pdfArrayText, pdfDictText } from './rawValue.js';
import { parseTtf, subsetTtf, type ParsedTtf } from './ttfSubset.js';

/**
 * Each run's distinct glyphs with the text each first stood for, in order. Lines of the
 * template's own words are shared between documents, so a run is scanned once.
 */
const distinctByRun = new WeakMap<readonly number[], { readonly codePoints: readonly number[]; readonly gids: number[]; readonly cps: number[] }>();

function distinctGlyphs(glyphIds: readonly number[], codePoints: readonly number[]): { readonly gids: readonly number[]; readonly cps: readonly number[] } {
  const hit = distinctByRun.get(glyphIds);
  if (hit && hit.codePoints === codePoints) return hit;
  const seen = new Set<number>();
  const entry = { codePoints, gids: [] as number[], cps: [] as number[] };
  for (let i = 0; i < glyphIds.length; i++) {
    const gid = glyphIds[i] as number;
    if (seen.has(gid)) continue;
    seen.add(gid);
    entry.gids.push(gid);
    entry.cps.push(codePoints[i] ?? 0xfffd);
  }
  distinctByRun.set(glyphIds, entry);
  return entry;
}

/** The glyphs a document uses from one face, with the text each glyph first stood for. */
export class GlyphUse {
  readonly byFace = new Map<FaceId, Map<number, number>>();

  add(face: string, glyphIds: readonly number[], codePoints: readonly number[]): void {
    let used = this.byFace.get(face as FaceId);
    if (!used) {
      if (!isFaceId(face)) throw new Error(`unknown face ${face}`);
      this.byFace.set(face, (used = new Map()));
    }
    const { gids, cps } = distinctGlyphs(glyphIds, codePoints);
    for (let i = 0; i < gids.length; i++) {
      const gid = gids[i] as number;
      if (!used.has(gid)) used.set(gid, cps[i] as number);
    }
  }
}

const parsed = new Map<FaceId, ParsedTtf>();
function parsedFace(face: LoadedFace): ParsedTtf {
  let ttf = parsed.get(face.id);
  if (!ttf) parsed.set(face.id, (ttf = parseTtf(face.bytes)));
  return ttf;
}

const widthsByFace = new Map<FaceId, Map<number, number>>();

/** Widths of glyphs in thousandths of an em, as the PDF's W array states them. */
export function glyphWidth(face: LoadedFace, gid: number): number {
  let widths = widthsByFace.get(face.id);
  if (!widths) widthsByFace.set(face.id, (widths = new Map()));
  let width = widths.get(gid);
  if (width === undefined) {
    width = Math.round(face.font.getGlyph(gid).advanceWidth * face.scale);
    widths.set(gid, width);
  }
  return width;
}

/** Everything a face's embedding needs that depends only on its glyph set. */
interface SubsetParts {
  readonly baseFont: string;
  readonly program: Uint8Array;
  readonly compressedProgram: Uint8Array;
  /** The CIDFont's W array, written out. */
  readonly widths: string;
  readonly compressedToUnicode: Uint8Array;
}

/**
 * Subsets by face and glyph set. A day's documents share most of their glyphs, so
 * most documents reuse a subset (its font program, widths and ToUnicode map, all
 * compressed) instead of making it again.
 */
const subsetCache = new RecentCache<string, SubsetParts>(64, { secondUse: true });

function subsetParts(face: LoadedFace, used: ReadonlyMap<number, number>): SubsetParts {
  const gids = [...used.keys()].sort((a, b) => a - b);
  // The text each glyph stands for is part of the key: the ToUnicode map carries it.
  const key = `${face.id}:${gids.map((g) => `${g}=${used.get(g) ?? 0}`).join(',')}`;
  return subsetCache.getOrMake(key, () => {
    const program = subsetTtf(parsedFace(face), gids);
    return {
      baseFont: `${subsetTag(face.id, gids)}+${(face.font.postscriptName ?? face.id).replace(/[^A-Za-z0-9-]/g, '')}`,
      program,
      compressedProgram: deflateSync(program),
      widths: widthsArray(face, gids),
      compressedToUnicode: deflateSync(new TextEncoder().encode(toUnicodeCMap(used))),
    };
  });
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function utf16Hex(codePoint: number): string {
  if (codePoint < 0x10000) return hex4(codePoint);
  const v = codePoint - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/** A ToUnicode CMap so text can be searched, copied and read aloud. */
function toUnicodeCMap(used: ReadonlyMap<number, number>): string {
  const entries = [...used].sort((a, b) => a[0] - b[0]);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([gid, cp]) => `<${hex4(gid)}> <${utf16Hex(cp)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The W array: runs of consecutive glyph ids with their widths, `[ first [ w w … ] first [ w … ] ]`. */
function widthsArray(face: LoadedFace, gids: readonly number[]): string {
  const out: string[] = [];
  let run: number[] = [];
  let runStart = -1;
  let prev = -2;
  for (const gid of gids) {
    if (gid !== prev + 1) {
      if (run.length > 0) out.push(String(runStart), pdfArrayText(run));
      run = [];
      runStart = gid;
    }
    run.push(glyphWidth(face, gid));
    prev = gid;
  }
  if (run.length > 0) out.push(String(runStart), pdfArrayText(run));
  return pdfArrayText(out);
}

/** Six capital letters from the glyph set, so a subset's name is stable and standard (`ABCDEF+Name`). */
function subsetTag(face: FaceId, gids: readonly number[]): string {
  const digest = createHash('sha256').update(face).update(Uint16Array.from(gids)).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/**
 * The descriptor entries that depend on the face alone, written once per face: flags,
 * bounding box, angle and vertical metrics in thousandths of an em.
 */
const faceMetricsText = new Map<FaceId, string>();

function faceMetrics(face: LoadedFace): string {
  let text = faceMetricsText.get(face.id);
  if (text === undefined) {
    const { font, scale } = face;
    const bbox = [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) => Math.round(v * scale));
    text = [
      `/Flags ${4 | (font.italicAngle !== 0 ? 64 : 0)}`,
      `/FontBBox ${pdfArrayText(bbox)}`,
      `/ItalicAngle ${font.italicAngle}`,
      `/Ascent ${Math.round(font.ascent * scale)}`,
      `/Descent ${Math.round(font.descent * scale)}`,
      `/CapHeight ${Math.round((font.capHeight || font.ascent) * scale)}`,
      '/StemV 80',
    ].join('\n');
    faceMetricsText.set(face.id, text);
  }
  return text;
}

/**
 * Embeds each used face as a Type0 / CIDFontType2 font (Identity-H, glyph ids as codes).
 * Returns the resource name per face. The three dictionaries of each font are written
 * out as text (see `PDFRawValue`): made for every document, they cost more as pdf-lib
 * objects than their few hundred bytes are worth.
 */
export function embedFonts(context: PDFContext, use: GlyphUse): Map<FaceId, { name: string; ref: PDFRef }> {
  const out = new Map<FaceId, { name: string; ref: PDFRef }>();
  const faces = [...use.byFace.keys()].sort();
  for (const id of faces) {
    const used = use.byFace.get(id) as Map<number, number>;
    const face = loadFace(id);
    const { baseFont, program, compressedProgram, widths, compressedToUnicode } = subsetParts(face, used);
    const fontFile = flateStream(context, compressedProgram, { Length1: program.length });
    const descriptor = context.register(PDFRawValue.of(pdfDictText(['/Type /FontDescriptor', `/FontName /${baseFont}`, faceMetrics(face), `/FontFile2 ${fontFile}`])));
    const cidFont = context.register(
      PDFRawValue.of(
        pdfDictText([
          '/Type /Font',
          '/Subtype /CIDFontType2',
          `/BaseFont /${baseFont}`,
          `/CIDSystemInfo ${pdfDictText(['/Registry (Adobe)', '/Ordering (Identity)', '/Supplement 0'])}`,
          `/FontDescriptor ${descriptor}`,
          `/W ${widths}`,
          '/CIDToGIDMap /Identity',
        ]),
      ),
    );
    const toUnicode = flateStream(context, compressedToUnicode);
    const ref = context.register(
      PDFRawValue.of(pdfDictText(['/Type /Font', '/Subtype /Type0', `/BaseFont /${baseFont}`, '/Encoding /Identity-H', `/DescendantFonts ${pdfArrayText([`${cidFont}`])}`, `/ToUnicode ${toUnicode}`])),
    );
    out.set(id, { name: `F${out.size + 1}`, ref });
  }
  return out;
}
