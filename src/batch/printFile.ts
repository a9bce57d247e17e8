import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { buildOutline, type OutlineEntry } from '../pdf/outline.js';
import { shareDuplicateResources } from '../pdf/shareResources.js';

export interface PrintItem {
  readonly file: string;
  readonly title: string;
}

/**
 * One PDF of many finished documents for a single print job, in the order given, with a
 * bookmark per item. Pages are copied whole; their form fields are left out (pdf-lib's
 * copyPages cannot carry an AcroForm across) since this file is for paper, and each
 * document's own PDF stays the sign-ready copy. With `duplex` each item starts on a
 * front side. Documents are read one at a time. Fonts and streams that several
 * documents carry are kept once.
 */
export async function buildPrintFile(dir: string, items: readonly PrintItem[], options: { duplex: boolean; date: Date; title: string }): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const outline: OutlineEntry[] = [];
  for (const item of items) {
    if (options.duplex && out.getPageCount() % 2 === 1) {
      const last = out.getPage(out.getPageCount() - 1);
      out.addPage([last.getWidth(), last.getHeight()]);
    }
    const source = await PDFDocument.load(readFileSync(join(dir, item.file)), { updateMetadata: false });
    outline.push({ title: item.title, pageIndex: out.getPageCount() });
    for (const page of await out.copyPages(source, source.getPageIndices())) {
      page.node.delete(PDFName.of('Annots'));
      out.addPage(page);
    }
  }
  // Sheets printed together share their font subsets: one copy of each is enough.
  shareDuplicateResources(out.context);
  buildOutline(out.context, out.catalog, out.getPages().map((p) => p.ref), outline);
  out.setTitle(options.title);
  out.setProducer('careprint');
  out.setCreator('careprint');
  out.setCreationDate(options.date);
  out.setModificationDate(options.date);
  return out.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
