import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib';

/** What a page may take from the page tree above it (PDF 32000-1 §7.7.3.4). */
export const inheritable: readonly PDFName[] = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((name) => PDFName.of(name));

/** How far from the end of a file its `startxref` may stand. */
const tailBytes = 1024;

/** One page of a document: its dictionary, holding what it inherits, and its size in points. */
export interface SourcePage {
  readonly node: PDFDict;
  readonly width: number;
  readonly height: number;
}

/** Bytes as text, one character a byte; only ever compared with ASCII. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', Math.max(0, start), Math.min(bytes.length, end));
}

/**
 * A finished PDF whose objects are parsed only when asked for, found through its
 * cross-reference table: copying a document's pages then parses what the pages use and
 * nothing else (not its form fields, their appearances or its catalog's other entries),
 * where pdf-lib's `PDFDocument.load` parses every object in the file. pdf-lib's own
 * object parser reads each object; only the table, a fixed-width format, is read here.
 *
 * `open` gives null for a file this cannot read so (a cross-reference stream, an
 * incremental update, a table that does not point at its objects), which pdf-lib then
 * loads whole.
 */
export class IndexedPdf {
  readonly #bytes: Uint8Array;
  readonly #context = PDFContext.create();
  /** Byte offset of each object, by object number; only objects of generation 0. */
  readonly #offsets: Map<number, number>;
  readonly #parsed = new Map<number, PDFObject>();
  readonly #root: PDFRef;

  private constructor(bytes: Uint8Array, offsets: Map<number, number>, root: PDFRef) {
    this.#bytes = bytes;
    this.#offsets = offsets;
    this.#root = root;
  }

  static open(bytes: Uint8Array): IndexedPdf | null {
    const tail = ascii(bytes, bytes.length - tailBytes, bytes.length);
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!start) return null;
    const xrefAt = Number(start[1]);
    // The table and the trailer after it, as text.
    const table = ascii(bytes, xrefAt, bytes.length);
    if (!table.startsWith('xref')) return null;
    let at = 4;
    const offsets = new Map<number, number>();
    // Subsections: "first count" and then count entries of exactly 20 bytes each.
    const subsection = /\s*(\d+) (\d+)[ \t]*\r?\n/y;
    const entry = /(\d{10}) (\d{5}) ([nf])/y;
    for (;;) {
      subsection.lastIndex = at;
      const head = subsection.exec(table);
      if (!head) break;
      at = subsection.lastIndex;
      const first = Number(head[1]);
      const count = Number(head[2]);
      for (let i = 0; i < count; i++, at += 20) {
        entry.lastIndex = at;
        const found = entry.exec(table);
        if (!found) return null;
        if (found[3] === 'n' && found[2] === '00000') offsets.set(first + i, Number(found[1]));
      }
    }
    const trailer = /\s*trailer\s*/y;
    trailer.lastIndex = at;
    if (!trailer.exec(table)) return null;
    const dict = PDFObjectParser.forBytes(bytes.subarray(xrefAt + trailer.lastIndex), PDFContext.create()).parseObject();
    if (!(dict instanceof PDFDict) || dict.has(PDFName.of('Prev')) || dict.has(PDFName.of('Encrypt'))) return null;
    const root = dict.get(PDFName.of('Root'));
    if (!(root instanceof PDFRef) || root.generationNumber !== 0) return null;
    return new IndexedPdf(bytes, offsets, root);
  }

  /**
   * The object `ref` points at, parsed at first asking; undefined when the file does not
   * hold it. Throws when the table points at something that is not that object.
   */
  lookup(ref: PDFRef): PDFObject | undefined {
    if (ref.generationNumber !== 0) return undefined;
    const number = ref.objectNumber;
    const done = this.#parsed.get(number);
    if (done) return done;
    const offset = this.#offsets.get(number);
    if (offset === undefined) return undefined;
    const header = /^\s*(\d+) 0 obj\s*/.exec(ascii(this.#bytes, offset, offset + 32));
    if (!header || Number(header[1]) !== number) throw new Error(`the cross-reference table points object ${number} at byte ${offset}, which does not start it`);
    const object = PDFObjectParser.forBytes(this.#bytes.subarray(offset + header[0].length), this.#context).parseObject();
    this.#parsed.set(number, object);
    return object;
  }

  /**
   * Every page in page-tree order, each holding the attributes it inherits (the tree
   * itself is not copied), or null when the tree is not one that can be walked.
   */
  pages(): SourcePage[] | null {
    const catalog = this.lookup(this.#root);
    if (!(catalog instanceof PDFDict)) return null;
    const top = catalog.get(PDFName.of('Pages'));
    if (!(top instanceof PDFRef)) return null;
    const pages: SourcePage[] = [];
    const seen = new Set<number>();
    const walk = (ref: PDFRef, inherited: ReadonlyMap<PDFName, PDFObject>): boolean => {
      if (seen.has(ref.objectNumber)) return false;
      seen.add(ref.objectNumber);
      const node = this.lookup(ref);
      if (!(node instanceof PDFDict)) return false;
      const own = new Map(inherited);
      for (const name of inheritable) {
        const value = node.get(name);
        if (value !== undefined) own.set(name, value);
      }
      const type = node.get(PDFName.of('Type'));
      if (type === PDFName.of('Page')) {
        for (const [name, value] of own) if (!node.has(name)) node.set(name, value);
        const size = pageSize(this.#resolve(node.get(PDFName.of('MediaBox'))));
        if (!size) return false;
        pages.push({ node, ...size });
        return true;
      }
      const kids = this.#resolve(node.get(PDFName.of('Kids')));
      if (type !== PDFName.of('Pages') || !(kids instanceof PDFArray)) return false;
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.get(i);
        if (!(kid instanceof PDFRef) || !walk(kid, own)) return false;
      }
      return true;
    };
    return walk(top, new Map()) ? pages : null;
  }

  #resolve(object: PDFObject | undefined): PDFObject | undefined {
    return object instanceof PDFRef ? this.lookup(object) : object;
  }
}

/** Width and height of a media box, as pdf-lib's `PDFPage.getSize` gives them. */
function pageSize(box: PDFObject | undefined): { width: number; height: number } | null {
  if (!(box instanceof PDFArray) || box.size() !== 4) return null;
  const n = [0, 1, 2, 3].map((i) => box.get(i));
  if (!n.every((v): v is PDFNumber => v instanceof PDFNumber)) return null;
  const [x1, y1, x2, y2] = n.map((v) => v.asNumber()) as [number, number, number, number];
  return { width: x2 - x1, height: y2 - y1 };
}
