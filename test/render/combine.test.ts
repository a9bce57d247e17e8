import * as mupdf from 'mupdf';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfCombiner } from '../../src/pdf/combine.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { outlineOf } from '../helpers/pdfFields.js';
import { pdfPagesText } from '../helpers/pdfText.js';

function sheet(familyName: string, i: number): Promise<Uint8Array> {
  const base = visit('iv') as { patient: Record<string, unknown>; session: Record<string, unknown> };
  const input = { ...base, patient: { ...base.patient, familyName, mrn: `HL-90000${i}` }, session: { ...base.session, id: `S-share-${i}` } };
  return renderDocument('discharge', input, clinic()).then((r) => r.bytes);
}

/** Sheets combined as the batch's print file combines them, collected in memory. */
async function combined(sheets: readonly Uint8Array[], duplex = false): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  const combiner = new PdfCombiner({ write: (bytes) => pieces.push(bytes.slice()) });
  for (const [i, bytes] of sheets.entries()) {
    if (duplex && combiner.pages % 2 === 1) combiner.addBlankPage();
    await combiner.add(bytes, `Sheet ${i + 1}`);
  }
  combiner.finish({ title: 'Print file', date: new Date(Date.UTC(2026, 10, 24, 12)) });
  return Buffer.concat(pieces);
}

function fontPrograms(doc: PDFDocument): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.has(PDFName.of('Length1'))).length;
}

/** The font programs of a file, by their bytes: two sheets with the same subset hold equal programs. */
function fontProgramBytes(doc: PDFDocument): Set<string> {
  return new Set(doc.context.enumerateIndirectObjects().flatMap(([, o]) => (o instanceof PDFRawStream && o.dict.has(PDFName.of('Length1')) ? [Buffer.from(o.contents).toString('base64')] : [])));
}

function fonts(doc: PDFDocument): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font')).length;
}

/** A sheet as it prints without its form fields (their widgets drawn by the viewer). */
async function stripFields(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  for (const page of doc.getPages()) page.node.delete(PDFName.of('Annots'));
  return doc.save();
}

/** Each page rasterised in grey at half size, as PNG bytes. */
function pagePixels(bytes: Uint8Array): Uint8Array[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const out: Uint8Array[] = [];
  for (let i = 0; i < doc.countPages(); i++) out.push(doc.loadPage(i).toPixmap(mupdf.Matrix.scale(0.5, 0.5), mupdf.ColorSpace.DeviceGray).asPNG());
  return out;
}

describe('PdfCombiner', () => {
  it('writes every page of every sheet, in order, with a bookmark at each first page and one copy of shared fonts', async () => {
    // Same letters in both names: the sheets use the same glyphs, so the same font subsets.
    const sheets = [await sheet('Marsh', 0), await sheet('Harms', 1)];
    const bytes = await combined(sheets);
    const doc = await PDFDocument.load(bytes);

    expect(doc.getPageCount()).toBe(4);
    expect(doc.getTitle()).toBe('Print file');
    expect(outlineOf(bytes)).toEqual([
      { title: 'Sheet 1', page: 1 },
      { title: 'Sheet 2', page: 3 },
    ]);
    // Each distinct font program written once: a subset both sheets hold (the same
    // glyphs: the bold face, whose text has no name or document id) is shared; the
    // two sheets' own copies would be twice as many. Each face is a Type0 font over a CID font.
    const programs = await Promise.all(sheets.map(async (s) => fontProgramBytes(await PDFDocument.load(s))));
    const distinct = new Set(programs.flatMap((p) => [...p]));
    expect(distinct.size).toBeLessThan(programs.reduce((n, p) => n + p.size, 0));
    expect(fontPrograms(doc)).toBe(distinct.size);
    expect(fonts(doc)).toBe(2 * distinct.size);
    // The pages read and look exactly as in the sheets themselves, without their form fields.
    const alone = [...sheets.flatMap((s) => pdfPagesText(s))];
    expect(pdfPagesText(bytes)).toEqual(alone);
    const withoutFields = await Promise.all(sheets.map(stripFields));
    expect(pagePixels(bytes)).toEqual(withoutFields.flatMap((s) => pagePixels(s)));
    expect(doc.getForm().getFields()).toHaveLength(0);
    for (const page of doc.getPages()) expect(page.node.has(PDFName.of('Annots'))).toBe(false);
    // Nothing points at an object that is not in the file.
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      const text = String(object instanceof PDFStream ? object.dict : object);
      for (const ref of text.match(/\d+ 0 R/g) ?? []) expect(doc.context.lookup(PDFRef.of(Number(ref.split(' ')[0])))).toBeDefined();
    }
  });

  it('copies a file pdf-lib must load whole (object streams) exactly as one it reads through its table', async () => {
    const sheets = [await sheet('Marsh', 0), await sheet('Harms', 1)];
    const packed = await Promise.all(sheets.map(async (s) => (await PDFDocument.load(s, { updateMetadata: false })).save({ useObjectStreams: true })));
    expect(Buffer.from(packed[0] as Uint8Array).toString('latin1')).toContain('/ObjStm');
    expect(Buffer.from(await combined(packed)).equals(Buffer.from(await combined(sheets)))).toBe(true);
  });

  it('gives a page what it inherits from its page tree, whichever way the file is read', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    const [page] = doc.getPages();
    const tree = page?.node.Parent();
    if (!page || !tree) throw new Error('a page in a tree');
    tree.set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 210, 297]));
    tree.set(PDFName.of('Rotate'), doc.context.obj(90));
    page.node.delete(PDFName.of('MediaBox'));
    const plain = await doc.save({ useObjectStreams: false });
    const packed = await doc.save({ useObjectStreams: true });
    const bytes = await combined([plain]);
    expect(Buffer.from(await combined([packed])).equals(Buffer.from(bytes))).toBe(true);
    const [copied] = (await PDFDocument.load(bytes)).getPages();
    expect([copied?.getWidth(), copied?.getHeight(), copied?.getRotation().angle]).toEqual([210, 297, 90]);
  });

  it('keeps fonts apart when the sheets use different glyphs', async () => {
    const doc = await PDFDocument.load(await combined([await sheet('Marsh', 0), await sheet('Quigley', 1)]));
    expect(fontPrograms(doc)).toBeGreaterThan(2);
  });

  it('starts each sheet on a front side with duplex, and gives the same bytes for the same sheets', async () => {
    // A one-page sheet first: the next one starts after a blank back.
    const one = await PDFDocument.create();
    one.addPage([612, 792]);
    const sheets = [await one.save(), await sheet('Marsh', 0), await sheet('Harms', 1)];
    const bytes = await combined(sheets, true);
    expect(outlineOf(bytes).map((o) => o.page)).toEqual([1, 3, 5]);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(6);
    expect(Buffer.from(await combined(sheets, true)).equals(Buffer.from(bytes))).toBe(true);
  });
});
