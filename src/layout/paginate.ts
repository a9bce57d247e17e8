import { CareprintError } from '../errors.js';
import type { Slice } from './slice.js';
import { theme } from './theme.js';
import type { LayoutWarning } from './types.js';

export interface Placed {
  readonly slice: Slice;
  /** Top of the slice from the top of the content area. */
  readonly y: number;
}

/** Slices from `start` up to and including the first one that may be followed by a break. */
function groupEnd(slices: readonly Slice[], start: number): number {
  let end = start;
  while (end < slices.length - 1 && (slices[end] as Slice).keepWithNext && !(slices[end + 1] as Slice).pageBreakBefore) end++;
  return end;
}

class Pages {
  readonly pages: Placed[][] = [[]];
  readonly warnings: LayoutWarning[] = [];
  y = 0;

  constructor(private readonly heightPt: number) {}

  get current(): Placed[] {
    return this.pages[this.pages.length - 1] as Placed[];
  }

  get atTop(): boolean {
    return this.current.length === 0;
  }

  newPage(): void {
    if (this.pages.length >= theme.maxPages) {
      throw CareprintError.of('layout_does_not_fit', 'layout', `the document needs more than ${theme.maxPages} pages`);
    }
    this.pages.push([]);
    this.y = 0;
  }

  /** Height the slices take if placed from the cursor, including a repeated table header at a page top. */
  heightOf(slices: readonly Slice[]): number {
    let h = 0;
    slices.forEach((s, i) => {
      if (i === 0 && this.atTop && s.repeatHeader) h += s.repeatHeader.reduce((a, r) => a + r.height, 0);
      h += (i === 0 && this.atTop ? 0 : s.spaceBefore) + s.height;
    });
    return h;
  }

  fits(slices: readonly Slice[]): boolean {
    return this.y + this.heightOf(slices) <= this.heightPt + 1e-6;
  }

  place(s: Slice): void {
    if (this.atTop && s.repeatHeader) {
      for (const header of s.repeatHeader) this.put(header);
    }
    this.put(s);
  }

  private put(s: Slice): void {
    if (!this.atTop) this.y += s.spaceBefore;
    this.current.push({ slice: s, y: this.y });
    this.y += s.height;
  }

  warn(code: LayoutWarning['code'], message: string): void {
    this.warnings.push({ code, message, page: this.pages.length });
  }
}

/**
 * Puts slices on pages of `heightPt`. A group of slices joined by `keepWithNext` moves
 * to the next page whole when it does not fit; only at the top of an empty page, where
 * moving on cannot help, is a group split (or a single slice allowed to overflow), and
 * a warning says so.
 */
export function paginate(slices: readonly Slice[], heightPt: number): { pages: Placed[][]; warnings: LayoutWarning[] } {
  const pages = new Pages(heightPt);
  let i = 0;
  while (i < slices.length) {
    const first = slices[i] as Slice;
    if (first.pageBreakBefore && !pages.atTop) pages.newPage();
    const end = groupEnd(slices, i);
    const group = slices.slice(i, end + 1);
    if (!pages.fits(group) && !pages.atTop) pages.newPage();
    if (pages.fits(group)) {
      group.forEach((s) => pages.place(s));
    } else {
      if (group.length > 1) pages.warn('kept_block_split', `${first.label} is taller than a page and was split`);
      for (const s of group) {
        if (!pages.fits([s]) && !pages.atTop) pages.newPage();
        if (!pages.fits([s])) pages.warn('block_taller_than_page', `${s.label} is taller than a page`);
        pages.place(s);
      }
    }
    i = end + 1;
  }
  return { pages: pages.pages, warnings: pages.warnings };
}
