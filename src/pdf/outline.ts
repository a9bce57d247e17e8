import { PDFName, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import { PDFRawValue } from './rawValue.js';
import { pdfTextString } from './textString.js';

/** One bookmark: a title and the page it opens at. */
export interface OutlineEntry {
  readonly title: string;
  readonly pageIndex: number;
}

/**
 * A flat outline (bookmarks panel), one item per entry, each opening its page at the
 * top. pdf-lib has no outline API, so the dictionaries are built by hand (PDF 32000-1
 * §12.3.3). Titles are text strings (PDFDocEncoding or UTF-16) so accented names survive.
 */
export function buildOutline(context: PDFContext, catalog: PDFDict, pageRefs: readonly PDFRef[], entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const rootRef = context.nextRef();
  const itemRefs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const page = pageRefs[entry.pageIndex];
    if (!page) throw new RangeError(`outline entry "${entry.title}" points at page ${entry.pageIndex + 1}, past the last page`);
    const item = context.obj({
      Title: PDFRawValue.of(pdfTextString(entry.title)),
      Parent: rootRef,
      Dest: [page, 'XYZ', null, null, null],
    });
    const prev = itemRefs[i - 1];
    const next = itemRefs[i + 1];
    if (prev) item.set(PDFName.of('Prev'), prev);
    if (next) item.set(PDFName.of('Next'), next);
    context.assign(itemRefs[i] as PDFRef, item);
  });
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: itemRefs[0] as PDFRef, Last: itemRefs[itemRefs.length - 1] as PDFRef, Count: entries.length }));
  catalog.set(PDFName.of('Outlines'), rootRef);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
