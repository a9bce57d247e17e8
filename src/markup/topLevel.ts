/** Where a top-level element seems to lie in markup: `markup.slice(start, end)`. */
export interface ElementSpan {
  readonly start: number;
  readonly end: number;
}

/** HTML's void elements: htmlparser2 closes them at their start tag. */
const voidElements: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
const isLetter = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);

/** The index just past the `>` that ends the tag opened at `from`, skipping quoted attribute values; -1 if none. */
function tagEnd(markup: string, from: number): number {
  let quote = 0;
  for (let i = from; i < markup.length; i++) {
    const code = markup.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === 0x3e) {
      return i + 1;
    }
  }
  return -1;
}

function tagName(markup: string, from: number): string {
  let i = from;
  while (i < markup.length) {
    const code = markup.charCodeAt(i);
    if (isSpace(code) || code === 0x2f || code === 0x3e) break;
    i++;
  }
  return markup.slice(from, i).toLowerCase();
}

/**
 * A quick guess at the top-level elements of markup, without parsing it: the spans of
 * elements at depth 0, found by counting start and end tags (an end tag closes the
 * nearest open element of its name, as HTML's does). Only white space may lie between
 * them. `null` when the markup has anything else at the top (text, a comment, a stray
 * `<`, an element left open): the caller then parses the whole.
 *
 * A guess only: HTML closes some elements without an end tag, which this does not
 * model, so the caller must check each span (parseMarkup parses it, or finds markup
 * it parsed before to be exactly one element).
 */
export function topLevelElements(markup: string): ElementSpan[] | null {
  const spans: ElementSpan[] = [];
  const open: string[] = [];
  let start = 0;
  let at = 0;
  for (;;) {
    const lt = markup.indexOf('<', at);
    if (open.length === 0) {
      // Between top-level elements: white space only.
      for (let i = at, end = lt < 0 ? markup.length : lt; i < end; i++) if (!isSpace(markup.charCodeAt(i))) return null;
    }
    if (lt < 0) return open.length === 0 ? spans : null;
    const next = markup.charCodeAt(lt + 1);
    if (next === 0x2f) {
      const end = tagEnd(markup, lt + 2);
      if (end < 0) return null;
      const name = tagName(markup, lt + 2);
      const index = open.lastIndexOf(name);
      if (index < 0) return null;
      open.length = index;
      if (open.length === 0) spans.push({ start, end });
      at = end;
    } else if (isLetter(next)) {
      const end = tagEnd(markup, lt + 1);
      if (end < 0) return null;
      const name = tagName(markup, lt + 1);
      const selfClosing = markup.charCodeAt(end - 2) === 0x2f || voidElements.has(name);
      if (open.length === 0) start = lt;
      if (!selfClosing) open.push(name);
      else if (open.length === 0) spans.push({ start, end });
      at = end;
    } else {
      // A comment, a declaration, or a `<` in text: left to the parser.
      return null;
    }
  }
}
