/** Text closing a sentence: a final period, unless it already ends with one (an abbreviation's, as in "p. m." or "P.C."). */
export function endSentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/** Text without the periods, commas or semicolons that close it, to be printed inside a sentence of a document's own. */
export function withoutClosingPunctuation(text: string): string {
  return text.trim().replace(/[\s.,;]+$/, '');
}
