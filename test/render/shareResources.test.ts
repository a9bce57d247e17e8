import * as mupdf from 'mupdf';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { shareDuplicateResources } from '../../src/pdf/shareResources.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { pdfPagesText } from '../helpers/pdfText.js';

/** Two patients' discharge sheets copied into one file, as the batch's print file does. */
async function combined(names: readonly string[]): Promise<PDFDocument> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const [i, familyName] of names.entries()) {
    const base = visit('iv') as { patient: Record<string, unknown>; session: Record<string, unknown> };
    const input = { ...base, patient: { ...base.patient, familyName, mrn: `HL-90000${i}` }, session: { ...base.session, id: `S-share-${i}` } };
    const { bytes } = await renderDocument('discharge', input, clinic());
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return out;
}

function fontPrograms(doc: PDFDocument): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.has(PDFName.of('Length1'))).length;
}

function fonts(doc: PDFDocument): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font')).length;
}

/** Each page rasterised in grey at half size, as PNG bytes. */
function pagePixels(bytes: Uint8Array): Uint8Array[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const out: Uint8Array[] = [];
  for (let i = 0; i < doc.countPages(); i++) out.push(doc.loadPage(i).toPixmap(mupdf.Matrix.scale(0.5, 0.5), mupdf.ColorSpace.DeviceGray).asPNG());
  return out;
}

describe('shareDuplicateResources', () => {
  it('keeps one copy of the fonts two sheets share, and every page reads and looks as before', async () => {
    // Same letters in both names: the sheets use the same glyphs, so the same subsets.
    const doc = await combined(['Marsh', 'Harms']);
    const before = await doc.save({ useObjectStreams: false, addDefaultPage: false });
    const programsBefore = fontPrograms(doc);
    const fontsBefore = fonts(doc);

    const dropped = shareDuplicateResources(doc.context);
    const after = await doc.save({ useObjectStreams: false, addDefaultPage: false });

    expect(programsBefore).toBe(4);
    expect(fontPrograms(doc)).toBe(2);
    expect(fonts(doc)).toBe(fontsBefore / 2);
    expect(dropped).toBeGreaterThanOrEqual(2 * 5); // per face: program, ToUnicode, descriptor, CID font, font
    expect(after.length).toBeLessThan(before.length * 0.75);
    expect(pdfPagesText(after)).toEqual(pdfPagesText(before));
    expect(pagePixels(after)).toEqual(pagePixels(before));
    // Nothing points at an object that is gone.
    const reloaded = await PDFDocument.load(after);
    for (const [, object] of reloaded.context.enumerateIndirectObjects()) {
      const text = String(object instanceof PDFStream ? object.dict : object);
      for (const ref of text.match(/\d+ 0 R/g) ?? []) expect(reloaded.context.lookup(PDFRef.of(Number(ref.split(' ')[0])))).toBeDefined();
    }
    expect(reloaded.getPageCount()).toBe(6);
  });

  it('keeps fonts apart when the sheets use different glyphs', async () => {
    const doc = await combined(['Marsh', 'Quigley']);
    shareDuplicateResources(doc.context);
    expect(fontPrograms(doc)).toBeGreaterThan(2);
  });
});
