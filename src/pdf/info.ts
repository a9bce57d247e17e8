import type { PDFContext, PDFRef } from 'pdf-lib';
import { PDFRawValue, pdfDictText } from './rawValue.js';
import { pdfDateString, pdfTextString } from './textString.js';

/** What the document information dictionary says; the same fields go into the XMP metadata. */
export interface InfoFields {
  readonly title: string;
  readonly subject?: string;
  readonly author?: string;
  readonly keywords?: readonly string[];
  /** Creation and modification date; comes from the input, never the clock. */
  readonly date: Date;
}

export const producer = 'careprint';

/**
 * The document information dictionary, each string in PDFDocEncoding when it can be
 * (see `pdfTextString`), so it survives conversion to PDF/A by tools that drop UTF-16.
 */
export function buildInfo(context: PDFContext, fields: InfoFields): PDFRef {
  const date = pdfDateString(fields.date);
  const entries = [`/Title ${pdfTextString(fields.title)}`];
  if (fields.author !== undefined) entries.push(`/Author ${pdfTextString(fields.author)}`);
  if (fields.subject !== undefined) entries.push(`/Subject ${pdfTextString(fields.subject)}`);
  if (fields.keywords !== undefined) entries.push(`/Keywords ${pdfTextString(fields.keywords.join(' '))}`);
  entries.push(`/Creator ${pdfTextString(producer)}`, `/Producer ${pdfTextString(producer)}`, `/CreationDate ${date}`, `/ModDate ${date}`);
  return context.register(PDFRawValue.of(pdfDictText(entries)));
}
