import * as mupdf from 'mupdf';
import { PDFCheckBox, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFSignature, PDFTextField } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { FieldBox, Page } from '../../src/layout/types.js';
import { paint } from '../../src/pdf/paint.js';
import { fieldPlacements } from '../helpers/pdfFields.js';

const field = (fieldKind: FieldBox['fieldKind'], name: string, y: number): FieldBox => ({ kind: 'field', fieldKind, name, x: 72.25, y, width: 120, height: 20 });
const page: Page = {
  widthPt: 612,
  heightPt: 792,
  boxes: [field('text', 'consent.patient.date', 100), field('checkbox', 'consent.understood', 150), field('signature', 'consent.patient.signature', 200)],
};
const metadata = { title: 'Fields', subject: 'test@1', author: 'Clinic', keywords: ['T-1'], language: 'en-US', date: new Date(Date.UTC(2026, 10, 24)) };

describe('form fields', () => {
  it('gives every field its kind, name, page and place, as pdf-lib reads them', async () => {
    const bytes = await paint([page], metadata);
    expect(await fieldPlacements(bytes)).toEqual([
      { name: 'consent.patient.date', type: '/Tx', page: 1, rect: [72.25, 672, 192.25, 692] },
      { name: 'consent.understood', type: '/Btn', page: 1, rect: [72.25, 622, 192.25, 642] },
      { name: 'consent.patient.signature', type: '/Sig', page: 1, rect: [72.25, 572, 192.25, 592] },
    ]);
    const form = (await PDFDocument.load(bytes)).getForm();
    expect(form.getField('consent.patient.date')).toBeInstanceOf(PDFTextField);
    expect(form.getField('consent.patient.signature')).toBeInstanceOf(PDFSignature);
    const box = form.getField('consent.understood');
    expect(box).toBeInstanceOf(PDFCheckBox);
    expect((box as PDFCheckBox).isChecked()).toBe(false);
  });

  it('draws a check box unticked, and ticked with its own "Yes" appearance', async () => {
    const doc = await PDFDocument.load(await paint([page], metadata));
    const widget = doc.getForm().getCheckBox('consent.understood').acroField.getWidgets()[0];
    const normal = widget?.getAppearances()?.normal as PDFDict;
    const on = doc.context.lookup(normal.get(PDFName.of('Yes')) as PDFRef) as PDFRawStream;
    expect(new TextDecoder().decode(on.getContents())).toMatch(/ m .* l .* l S Q$/);
    expect(widget?.getAppearanceState()?.toString()).toBe('/Off');
    // Ticked by a viewer (here pdf-lib), the box shows the mark: compare its pixels with the unticked box.
    const ink = async (bytes: Uint8Array) => {
      const pdf = mupdf.Document.openDocument(bytes, 'application/pdf');
      const pixmap = pdf.loadPage(0).toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceGray, false, true);
      return [...pixmap.getPixels()].filter((v) => v < 128).length;
    };
    const unticked = await ink(await doc.save());
    doc.getForm().getCheckBox('consent.understood').check();
    const ticked = await ink(await doc.save({ updateFieldAppearances: false }));
    expect(unticked).toBe(0);
    expect(ticked).toBeGreaterThan(20);
  });
});
