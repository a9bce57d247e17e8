import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, PDFPageLeaf, PDFRef } from 'pdf-lib';
import type { Page } from '../layout/types.js';
import { contentStream } from './contentStream.js';
import { embedFonts, GlyphUse } from './embedFonts.js';
import { flateStream, latin1 } from './streams.js';
import { buildAcroForm, buildField } from './formFields.js';
import { buildOutline, type OutlineEntry } from './outline.js';
import { writePdf } from './writePdf.js';
import { buildInfo } from './info.js';
import { PDFRawValue } from './rawValue.js';
import { pdfTextString } from './textString.js';

export interface PdfMetadata {
  readonly title: string;
  /** `template id@version` */
  readonly subject: string;
  readonly author: string;
  readonly keywords: readonly string[];
  /** BCP 47, for screen readers. */
  readonly language: string;
  /** Creation and modification date; comes from the input, never the clock. */
  readonly date: Date;
}

/**
 * Adds a page of the given size at `index`: the page leaf that pdf-lib's
 * `PDFDocument.addPage` makes (Type, Parent, Resources, MediaBox, in that order), without
 * the page-box look-ups and page-list rebuilding that method does for an editing API.
 * The document's own page list is built on first use, so it stays right.
 */
function addPage(doc: PDFDocument, index: number, widthPt: number, heightPt: number): { readonly node: PDFPageLeaf; readonly ref: PDFRef } {
  const { context } = doc;
  const node = PDFPageLeaf.withContextAndParent(context, PDFRef.of(-1));
  const ref = context.register(node);
  node.set(PDFName.of('MediaBox'), context.obj([0, 0, widthPt, heightPt]));
  node.setParent(doc.catalog.insertLeafNode(ref, index));
  return { node, ref };
}

/**
 * The painter: pages of boxes to PDF bytes. It decides nothing about placement. Output
 * is deterministic: dates come from `metadata`, the file ID from the content.
 */
export async function paint(pages: readonly Page[], metadata: PdfMetadata, outline: readonly OutlineEntry[] = []): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { context } = doc;

  const use = new GlyphUse();
  for (const page of pages) for (const box of page.boxes) if (box.kind === 'text') use.add(box.face, box.glyphIds, box.codePoints);
  const fonts = embedFonts(context, use);
  const fontResources = Object.fromEntries([...fonts.values()].map((f) => [f.name, f.ref]));

  const idHash = createHash('sha256');
  const fieldRefs: PDFRef[] = [];
  const pageRefs: PDFRef[] = [];
  let hasSignatures = false;
  for (const page of pages) {
    const { node, ref } = addPage(doc, pageRefs.length, page.widthPt, page.heightPt);
    pageRefs.push(ref);
    const ops = latin1(contentStream(page, fonts));
    idHash.update(ops);
    const contents = flateStream(context, deflateSync(ops, { level: 1 }));
    node.set(PDFName.of('Contents'), contents);
    node.set(PDFName.of('Resources'), context.obj({ Font: fontResources, ProcSet: ['PDF', 'Text'] }));
    const annots: PDFRef[] = [];
    for (const box of page.boxes) {
      if (box.kind !== 'field') continue;
      const fieldRef = buildField(context, ref, page.heightPt, box);
      annots.push(fieldRef);
      fieldRefs.push(fieldRef);
      hasSignatures ||= box.fieldKind === 'signature';
      idHash.update(box.name);
    }
    if (annots.length > 0) node.set(PDFName.of('Annots'), context.obj(annots));
  }
  if (fieldRefs.length > 0) doc.catalog.set(PDFName.of('AcroForm'), context.register(buildAcroForm(context, fieldRefs, hasSignatures)));

  buildOutline(context, doc.catalog, pageRefs, outline);
  idHash.update(JSON.stringify(outline));

  context.trailerInfo.Info = buildInfo(context, metadata);
  doc.catalog.set(PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));
  doc.catalog.set(PDFName.of('Lang'), PDFRawValue.of(pdfTextString(metadata.language)));
  idHash.update(JSON.stringify(metadata));
  const id = PDFHexString.of(idHash.digest('hex').slice(0, 32));
  context.trailerInfo.ID = context.obj([id, id]);

  return writePdf(context);
}
