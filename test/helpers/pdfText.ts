import * as mupdf from 'mupdf';

/** The text of each page, as a reader extracts it (mupdf). */
export function pdfPagesText(bytes: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) pages.push(doc.loadPage(i).toStructuredText("preserve-whitespace").asText());
  return pages;
}

/** All text with runs of white space folded, for phrase assertions across line breaks. */
export function pdfText(bytes: Uint8Array): string {
  return pdfPagesText(bytes).join('\n').replace(/\s+/g, ' ');
}

/** Asserts that each phrase is in the text; a missing phrase is named in the failure. */
export function expectPhrases(text: string, phrases: readonly string[]): void {
  const missing = phrases.filter((phrase) => !text.includes(phrase));
  if (missing.length > 0) throw new Error(`missing from the document text:\n${missing.map((p) => `  ${JSON.stringify(p)}`).join('\n')}`);
}
