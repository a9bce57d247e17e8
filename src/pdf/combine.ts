import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFContext,
  PDFCrossRefSection,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFName,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
  type PDFObject,
} from 'pdf-lib';
import { IndexedPdf, inheritable, type SourcePage } from './crossRef.js';
import { buildOutline, type OutlineEntry } from './outline.js';
import { buildInfo } from './info.js';

/** Where the combined file goes, piece by piece. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
}

/** Pieces are handed to the sink in blocks of about this many bytes. */
const blockBytes = 1 << 20;

const encoder = new TextEncoder();

/** Dictionaries that may be shared once equal: fonts and their descriptors, never pages. */
const sharedTypes = new Set(['/Font', '/FontDescriptor']);

/** What makes two objects the same, or null for an object that must stay its own (a page). */
function identity(object: PDFObject): string | null {
  if (object instanceof PDFStream) return `stream ${object.dict.toString()} ${createHash('sha256').update(object.getContents()).digest('hex')}`;
  if (object instanceof PDFDict) {
    const type = object.get(PDFName.of('Type'));
    if (type instanceof PDFName && sharedTypes.has(type.toString())) return `dict ${object.toString()}`;
  }
  return null;
}

/**
 * Replaces every reference an object holds, however deep, with what `replace` gives
 * for it; a key named `skipKey` is left alone (a page's /Parent: the combined file has
 * its own page tree).
 */
function replaceRefs(object: PDFObject, replace: (ref: PDFRef) => PDFRef, skipKey?: PDFName): void {
  if (object instanceof PDFStream) {
    replaceRefs(object.dict, replace);
  } else if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      if (key === skipKey) continue;
      if (value instanceof PDFRef) object.set(key, replace(value));
      else replaceRefs(value, replace);
    }
  } else if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) {
      const value = object.get(i);
      if (value instanceof PDFRef) object.set(i, replace(value));
      else replaceRefs(value, replace);
    }
  }
}

/** A document's pages (each holding what it inherits) and a way to its other objects. */
interface Source {
  readonly pages: readonly SourcePage[];
  lookup(ref: PDFRef): PDFObject | undefined;
}

/**
 * A finished document to copy pages from: read through its cross-reference table when
 * it has a plain one (every document careprint writes), so that only what the pages use
 * is parsed, or else loaded whole by pdf-lib.
 */
async function openSource(bytes: Uint8Array): Promise<Source> {
  const indexed = IndexedPdf.open(bytes);
  const pages = indexed?.pages();
  if (indexed && pages) return { pages, lookup: (ref) => indexed.lookup(ref) };
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  return {
    lookup: (ref) => document.context.lookup(ref),
    pages: document.getPages().map((page) => {
      const node = page.node;
      // Attributes a page may inherit from its tree are made its own, since the tree is not copied.
      for (const name of inheritable) {
        if (!node.has(name)) {
          const inherited = node.getInheritableAttribute(name);
          if (inherited !== undefined) node.set(name, inherited);
        }
      }
      return { node, ...page.getSize() };
    }),
  };
}

/**
 * Many finished PDFs into one, written as it goes: each document is read, its pages and
 * what they use are written out, and it is let go, so a print file of thousands of
 * sheets never sits in memory whole. Pages are copied without their form fields (the
 * combined file is for paper). Fonts and streams that several documents carry are
 * written once (each sheet embeds its own font subsets, and most sheets of a day use
 * the same ones). Object numbers follow the order of writing, so the same documents in
 * the same order give the same bytes.
 */
export class PdfCombiner {
  readonly #out: ByteSink;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Bytes written so far, pending ones included: the offset of the next piece. */
  #offset = 0;
  /** Byte offset of each object written, by object number. */
  readonly #offsets: number[] = [0];
  readonly #pagesRoot: PDFRef;
  readonly #pageRefs: PDFRef[] = [];
  readonly #outline: OutlineEntry[] = [];
  readonly #shared = new Map<string, PDFRef>();
  #lastSize: readonly [number, number] | null = null;

  constructor(out: ByteSink) {
    this.#out = out;
    const header = PDFHeader.forVersion(1, 7);
    const bytes = new Uint8Array(header.sizeInBytes() + 2);
    header.copyBytesInto(bytes, 0);
    bytes.set([0x0a, 0x0a], bytes.length - 2);
    this.#put(bytes);
    this.#pagesRoot = this.#reserve();
  }

  /** Pages so far. */
  get pages(): number {
    return this.#pageRefs.length;
  }

  #reserve(): PDFRef {
    this.#offsets.push(-1);
    return PDFRef.of(this.#offsets.length - 1);
  }

  #put(bytes: Uint8Array): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    this.#offset += bytes.length;
    if (this.#pendingBytes >= blockBytes) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const block = new Uint8Array(this.#pendingBytes);
    let at = 0;
    for (const piece of this.#pending) {
      block.set(piece, at);
      at += piece.length;
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#out.write(block);
  }

  #write(ref: PDFRef, object: PDFObject): void {
    this.#offsets[ref.objectNumber] = this.#offset;
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    this.#put(encoder.encode(`${ref.objectNumber} 0 obj\n`));
    this.#put(body);
    this.#put(encoder.encode('\nendobj\n\n'));
  }

  /** A blank page the size of the last one, so that the next document starts on a front side. */
  addBlankPage(): void {
    const [width, height] = this.#lastSize ?? [612, 792];
    const context = PDFContext.create();
    const ref = this.#reserve();
    this.#write(ref, context.obj({ Type: 'Page', Parent: this.#pagesRoot, Resources: {}, MediaBox: [0, 0, width, height] }));
    this.#pageRefs.push(ref);
  }

  /** Every page of one document, with a bookmark at its first page. */
  async add(bytes: Uint8Array, title: string): Promise<void> {
    const source = await openSource(bytes);
    const written = new Map<number, PDFRef>();
    const placing = new Set<number>();
    const place = (ref: PDFRef): PDFRef => {
      const done = written.get(ref.objectNumber);
      if (done) return done;
      const object = source.lookup(ref);
      if (object === undefined) throw new Error(`object ${ref.toString()} is missing`);
      // Our documents' pages and resources hold no cycles; one would need a number before it is written.
      if (placing.has(ref.objectNumber)) throw new Error(`object ${ref.toString()} refers back to itself`);
      placing.add(ref.objectNumber);
      replaceRefs(object, place);
      placing.delete(ref.objectNumber);
      const id = identity(object);
      const same = id === null ? undefined : this.#shared.get(id);
      if (same) {
        written.set(ref.objectNumber, same);
        return same;
      }
      const out = this.#reserve();
      this.#write(out, object);
      if (id !== null) this.#shared.set(id, out);
      written.set(ref.objectNumber, out);
      return out;
    };
    this.#outline.push({ title, pageIndex: this.#pageRefs.length });
    for (const { node, width, height } of source.pages) {
      node.delete(PDFName.of('Annots'));
      replaceRefs(node, place, PDFName.of('Parent'));
      node.set(PDFName.of('Parent'), this.#pagesRoot);
      const ref = this.#reserve();
      this.#write(ref, node);
      this.#pageRefs.push(ref);
      this.#lastSize = [width, height];
    }
  }

  /** The page tree, bookmarks, document info, cross-reference table and trailer. */
  finish(info: { readonly title: string; readonly date: Date }): void {
    const context = PDFContext.create();
    context.largestObjectNumber = this.#offsets.length - 1;
    context.assign(this.#pagesRoot, context.obj({ Type: 'Pages', Kids: this.#pageRefs, Count: this.#pageRefs.length }));
    const catalog = context.obj({ Type: 'Catalog', Pages: this.#pagesRoot });
    const catalogRef = context.register(catalog);
    buildOutline(context, catalog, this.#pageRefs, this.#outline);
    const infoRef = buildInfo(context, info);
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      while (this.#offsets.length <= ref.objectNumber) this.#offsets.push(-1);
      this.#write(ref, object);
    }

    const xref = PDFCrossRefSection.create();
    this.#offsets.forEach((offset, n) => {
      if (n === 0) return;
      if (offset < 0) throw new Error(`object ${n} was reserved and never written`);
      xref.addEntry(PDFRef.of(n), offset);
    });
    const xrefOffset = this.#offset;
    const trailerDict = PDFTrailerDict.of(context.obj({ Size: this.#offsets.length, Root: catalogRef, Info: infoRef }));
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    const tail = new Uint8Array(xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes());
    let at = xref.copyBytesInto(tail, 0);
    tail[at++] = 0x0a;
    at += trailerDict.copyBytesInto(tail, at);
    tail[at++] = 0x0a;
    tail[at++] = 0x0a;
    trailer.copyBytesInto(tail, at);
    this.#put(tail);
    this.#flush();
  }
}
