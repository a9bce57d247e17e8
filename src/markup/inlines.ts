import type { Inline, TextRun } from './blocks.js';

/**
 * HTML's white-space rule for one block: runs of white space become one space, with
 * none at the start or end of the block or beside a line break; neighbouring runs of
 * the same style merge.
 */
export function normalizeInlines(raw: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let lastEndsInSpace = true;
  for (const item of raw) {
    if (item.kind === 'break') {
      trimTrailing(out);
      out.push(item);
      lastEndsInSpace = true;
      continue;
    }
    let text = item.text.replace(/[ \t\r\n\f]+/g, ' ');
    if (lastEndsInSpace) text = text.replace(/^ /, '');
    if (!text) continue;
    lastEndsInSpace = text.endsWith(' ');
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'text' && prev.bold === item.bold && prev.italic === item.italic) {
      out[out.length - 1] = { ...prev, text: prev.text + text };
    } else {
      out.push({ ...item, text });
    }
  }
  trimTrailing(out);
  return out;
}

function trimTrailing(out: Inline[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1] as Inline;
    if (last.kind !== 'text') return;
    const text = last.text.replace(/ $/, '');
    if (text) {
      out[out.length - 1] = { ...last, text } satisfies TextRun;
      return;
    }
    out.pop();
  }
}

/** The plain text of some inlines (line breaks as spaces). */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : ' ')).join('');
}
