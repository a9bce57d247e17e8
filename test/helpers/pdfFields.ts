import * as mupdf from 'mupdf';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

export interface FieldPlacement {
  readonly name: string;
  /** /Tx, /Sig or /Btn */
  readonly type: string;
  /** 1-based */
  readonly page: number;
  /** [x1, y1, x2, y2] in PDF points, origin bottom left */
  readonly rect: readonly number[];
}

/** Every AcroForm field with its type, page and widget rectangle, read from the file's own objects. */
export async function fieldPlacements(bytes: Uint8Array): Promise<FieldPlacement[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const acro = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acro?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) return [];
  return fields.asArray().map((ref) => {
    const field = doc.context.lookup(ref, PDFDict);
    const t = field.get(PDFName.of('T'));
    const name = t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '';
    const page = field.get(PDFName.of('P'));
    const rect = field.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    return { name, type: String(field.get(PDFName.of('FT'))), page: page instanceof PDFRef ? (pageOf.get(page.toString()) ?? 0) : 0, rect };
  });
}

/** The outline (bookmarks) as a reader shows it: title and 1-based page. */
export function outlineOf(bytes: Uint8Array): { title: string; page: number }[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  return (doc.loadOutline() ?? []).map((item) => ({ title: item.title ?? '', page: (item.page ?? -1) + 1 }));
}
