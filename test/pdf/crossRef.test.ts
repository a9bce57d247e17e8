import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { IndexedPdf } from '../../src/pdf/crossRef.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';

const sheet = async (): Promise<Uint8Array> => (await renderDocument('discharge', visit('iv'), clinic())).bytes;

/** An object as a PDF writes it (a stream's dictionary and its contents). */
function written(object: unknown): string {
  if (object instanceof PDFStream) return `${object.dict.toString()} ${Buffer.from(object.getContents()).toString('hex')}`;
  return String(object);
}

describe('IndexedPdf', () => {
  it('reads every object of a careprint document as pdf-lib reads it, and its pages in order with their sizes', async () => {
    const bytes = await sheet();
    const indexed = IndexedPdf.open(bytes);
    expect(indexed).not.toBeNull();
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    const objects = loaded.context.enumerateIndirectObjects();
    expect(objects.length).toBeGreaterThan(30);
    for (const [ref, object] of objects) expect(written(indexed?.lookup(ref))).toBe(written(object));
    expect(indexed?.lookup(PDFRef.of(objects.length + 5))).toBeUndefined();

    const pages = indexed?.pages() ?? [];
    expect(pages.map((p) => written(p.node))).toEqual(loaded.getPages().map((p) => written(p.node)));
    expect(pages.map((p) => [p.width, p.height])).toEqual(loaded.getPages().map((p) => [p.getWidth(), p.getHeight()]));
  });

  it('parses an object only when it is asked for', async () => {
    const bytes = await sheet();
    const indexed = IndexedPdf.open(bytes);
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    const [ref] = loaded.context.enumerateIndirectObjects()[0] ?? [];
    expect(ref).toBeDefined();
    // The same object each time, not parsed again.
    expect(indexed?.lookup(ref as PDFRef)).toBe(indexed?.lookup(ref as PDFRef));
  });

  it('gives the attributes a page inherits from its page tree to the page', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    doc.addPage([500, 600]);
    const [first, second] = doc.getPages();
    if (!first || !second) throw new Error('two pages');
    // The first page takes its size and resources from the tree; the second keeps its own size.
    const tree = first.node.Parent();
    if (!tree) throw new Error('a page tree');
    tree.set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 210, 297]));
    tree.set(PDFName.of('Resources'), doc.context.obj({ ProcSet: ['PDF'] }));
    first.node.delete(PDFName.of('MediaBox'));
    first.node.delete(PDFName.of('Resources'));
    const bytes = await doc.save({ useObjectStreams: false });

    const pages = IndexedPdf.open(bytes)?.pages() ?? [];
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [210, 297],
      [500, 600],
    ]);
    expect(pages[0]?.node.get(PDFName.of('MediaBox'))).toBeInstanceOf(PDFArray);
    expect(String(pages[0]?.node.get(PDFName.of('Resources')))).toContain('/ProcSet');
    expect((pages[1]?.node.get(PDFName.of('MediaBox')) as PDFArray).get(2)).toEqual(PDFNumber.of(500));
  });

  it('declines a file it cannot read through a plain table, for pdf-lib to load whole', async () => {
    const loaded = await PDFDocument.load(await sheet());
    // A cross-reference stream and object streams, as pdf-lib saves by default.
    expect(IndexedPdf.open(await loaded.save())).toBeNull();
    // No startxref at the end.
    expect(IndexedPdf.open(new TextEncoder().encode('%PDF-1.7\n'))).toBeNull();
    // An incremental update: the table names an earlier one.
    const plain = await loaded.save({ useObjectStreams: false });
    const text = Buffer.from(plain).toString('latin1').replace('trailer\n<<', 'trailer\n<<\n/Prev 9');
    expect(IndexedPdf.open(Buffer.from(text, 'latin1'))).toBeNull();
  });

  it('refuses an object the table points at wrongly, rather than reading another', async () => {
    const plain = Buffer.from(await sheet()).toString('latin1');
    const loaded = await PDFDocument.load(await sheet(), { updateMetadata: false });
    const [ref] = loaded.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFDict) ?? [];
    if (!ref) throw new Error('a dictionary');
    // Every entry moved on by one byte: each now points inside the object's header.
    const shifted = plain.replace(/(\d{10}) 00000 n/g, (_, offset: string) => `${String(Number(offset) + 1).padStart(10, '0')} 00000 n`);
    const indexed = IndexedPdf.open(Buffer.from(shifted, 'latin1'));
    expect(() => indexed?.lookup(ref)).toThrow(/does not start it/);
  });
});
