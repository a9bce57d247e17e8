/**
 * A TrueType subset that keeps glyph ids: every glyph not used is emptied (its loca
 * entry has length 0) and the tables a PDF viewer needs to draw by glyph id are
 * kept. Because ids do not change, text can be written with the ids the layout
 * already has, and subsetting is a matter of copying bytes: no re-encoding, no
 * renumbering, well under a millisecond.
 */
interface TableRecord {
  readonly tag: string;
  readonly offset: number;
  readonly length: number;
}

/** Tables a CIDFontType2 program needs (cmap, name, GSUB/GPOS are not used by a PDF viewer). */
const keptTables = ['OS/2', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'post', 'prep'];

export interface ParsedTtf {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, TableRecord>;
  readonly numGlyphs: number;
  readonly longLoca: boolean;
  readonly numberOfHMetrics: number;
}

export function parseTtf(bytes: Uint8Array): ParsedTtf {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
    tables.set(tag, { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  };
  return {
    bytes,
    view,
    tables,
    numGlyphs: view.getUint16(table('maxp').offset + 4),
    longLoca: view.getInt16(table('head').offset + 50) === 1,
    numberOfHMetrics: view.getUint16(table('hhea').offset + 34),
  };
}

function glyphRange(ttf: ParsedTtf, gid: number): [number, number] {
  const loca = ttf.tables.get('loca') as TableRecord;
  const glyf = ttf.tables.get('glyf') as TableRecord;
  const { view } = ttf;
  const start = ttf.longLoca ? view.getUint32(loca.offset + gid * 4) : view.getUint16(loca.offset + gid * 2) * 2;
  const end = ttf.longLoca ? view.getUint32(loca.offset + gid * 4 + 4) : view.getUint16(loca.offset + gid * 2 + 2) * 2;
  return [glyf.offset + start, glyf.offset + end];
}

/** Adds the components of composite glyphs to the set. */
function closeOverComponents(ttf: ParsedTtf, gids: Set<number>): void {
  const queue = [...gids];
  while (queue.length > 0) {
    const gid = queue.pop() as number;
    const [start, end] = glyphRange(ttf, gid);
    if (end - start < 10 || ttf.view.getInt16(start) >= 0) continue;
    let at = start + 10;
    for (;;) {
      const flags = ttf.view.getUint16(at);
      const component = ttf.view.getUint16(at + 2);
      if (!gids.has(component) && component < ttf.numGlyphs) {
        gids.add(component);
        queue.push(component);
      }
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) break;
    }
  }
}

function checksum(data: Uint8Array): number {
  const padded = data.length % 4 === 0 ? data : (() => {
    const p = new Uint8Array(data.length + (4 - (data.length % 4)));
    p.set(data);
    return p;
  })();
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function copyTable(ttf: ParsedTtf, tag: string): Uint8Array {
  const t = ttf.tables.get(tag) as TableRecord;
  return ttf.bytes.slice(t.offset, t.offset + t.length);
}

/** The font program with only `usedGids` (and .notdef and composite parts) left in it. */
export function subsetTtf(ttf: ParsedTtf, usedGids: Iterable<number>): Uint8Array {
  const gids = new Set<number>([0, ...usedGids]);
  closeOverComponents(ttf, gids);
  const sorted = [...gids].sort((a, b) => a - b);
  // Glyph ids are kept, so the font only needs to reach the highest one used.
  const numGlyphs = (sorted[sorted.length - 1] ?? 0) + 1;
  const numberOfHMetrics = Math.min(ttf.numberOfHMetrics, numGlyphs);

  const ranges = sorted.map((g) => glyphRange(ttf, g));
  const glyfLength = ranges.reduce((a, [s, e]) => a + ((e - s + 3) & ~3), 0);
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let cursor = 0;
  let next = 0;
  for (let gid = 0; gid <= numGlyphs; gid++) {
    locaView.setUint32(gid * 4, cursor);
    if (sorted[next] === gid) {
      const [s, e] = ranges[next] as [number, number];
      glyf.set(ttf.bytes.subarray(s, e), cursor);
      cursor += (e - s + 3) & ~3;
      next++;
    }
  }

  const head = copyTable(ttf, 'head');
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0);
  headView.setInt16(50, 1);

  // Advances of glyphs not used are zeroed (the PDF's W array carries the widths).
  const source = ttf.tables.get('hmtx') as TableRecord;
  const hmtx = new Uint8Array(numberOfHMetrics * 4 + (numGlyphs - numberOfHMetrics) * 2);
  const hmtxView = new DataView(hmtx.buffer);
  for (const gid of sorted) {
    if (gid < numberOfHMetrics) {
      hmtx.set(ttf.bytes.subarray(source.offset + gid * 4, source.offset + gid * 4 + 4), gid * 4);
    } else {
      const lsbAt = gid < ttf.numberOfHMetrics ? source.offset + gid * 4 + 2 : source.offset + ttf.numberOfHMetrics * 4 + (gid - ttf.numberOfHMetrics) * 2;
      hmtxView.setInt16(numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2, ttf.view.getInt16(lsbAt));
    }
  }
  // The last long metric's advance applies to every glyph after it.
  const lastLong = numberOfHMetrics - 1;
  const lastLongSource = Math.min(lastLong, ttf.numberOfHMetrics - 1);
  hmtxView.setUint16(lastLong * 4, ttf.view.getUint16(source.offset + lastLongSource * 4));

  const maxp = copyTable(ttf, 'maxp');
  new DataView(maxp.buffer).setUint16(4, numGlyphs);
  const hhea = copyTable(ttf, 'hhea');
  new DataView(hhea.buffer).setUint16(34, numberOfHMetrics);

  const post = new Uint8Array(32);
  post.set(copyTable(ttf, 'post').subarray(0, 32));
  new DataView(post.buffer).setUint32(0, 0x00030000);

  const tables = new Map<string, Uint8Array>([
    ['glyf', glyf],
    ['loca', loca],
    ['head', head],
    ['hmtx', hmtx],
    ['maxp', maxp],
    ['hhea', hhea],
    ['post', post],
  ]);
  for (const tag of keptTables) if (!tables.has(tag) && ttf.tables.has(tag)) tables.set(tag, copyTable(ttf, tag));
  return writeTtf(tables);
}

function writeTtf(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const headerLength = 12 + n * 16;
  const total = tags.reduce((a, t) => a + (((tables.get(t) as Uint8Array).length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(n));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, 2 ** entrySelector * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, n * 16 - 2 ** entrySelector * 16);
  let offset = headerLength;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Uint8Array;
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 4, checksum(data));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.length);
    out.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += (data.length + 3) & ~3;
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
