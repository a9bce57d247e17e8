import type { Block, Inline, TableCell } from '../../markup/blocks.js';
import { withWidth, type LayoutContext } from '../context.js';
import { slice, type Slice } from '../slice.js';
import { theme } from '../theme.js';
import type { Box } from '../types.js';
import { breakLines, minContentWidth } from '../text/breakLines.js';
import { textBlock } from '../text/textSlices.js';

type TableBlock = Extract<Block, { kind: 'table' }>;

/** A cell's text as printed: a header cell in bold. */
function cellInlines(cell: TableCell): readonly Inline[] {
  return cell.header ? cell.inlines.map((inl) => (inl.kind === 'text' ? { ...inl, bold: true } : inl)) : cell.inlines;
}

/** The narrowest width a cell can take without breaking a word (a record number). */
function cellMinWidth(cell: TableCell, ctx: LayoutContext): number {
  return minContentWidth(cellInlines(cell), ctx.metrics, theme.bodySizePt) + 2 * theme.tableCellPadPt;
}

/** The width that sets each of a cell's lines whole. */
function cellMaxWidth(cell: TableCell, ctx: LayoutContext): number {
  const lines = breakLines(cellInlines(cell), ctx.metrics, { sizePt: theme.bodySizePt, gray: theme.textGray, maxWidthPt: Number.POSITIVE_INFINITY });
  return Math.max(...lines.map((line) => line.width)) + 2 * theme.tableCellPadPt;
}

/** The largest of `measure` over the cells of each column. */
function perColumn(block: TableBlock, columns: number, measure: (cell: TableCell) => number): number[] {
  const out = Array.from({ length: columns }, () => 0);
  for (const row of block.rows) row.forEach((cell, i) => (out[i] = Math.max(out[i] ?? 0, measure(cell))));
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Column widths in proportion to the table's weights, except that a column whose
 * longest word would not fit (a record number, which must never be split across
 * lines) is widened to fit it. The room comes first from columns wider than all their
 * text on one line, then from columns that wrap already, and only then from columns
 * that will wrap because of it; within each, in proportion to what each can give.
 * When the words cannot all fit, the weights stand and a word too long for its column
 * breaks between letters.
 */
function columnWidths(block: TableBlock, ctx: LayoutContext): number[] {
  const columns = block.rows[0]?.length ?? 1;
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const total = sum(weights);
  const widths = weights.map((w) => (w / total) * ctx.widthPt);
  const min = perColumn(block, columns, (cell) => cellMinWidth(cell, ctx));
  let short = sum(widths.map((w, i) => Math.max(0, (min[i] ?? 0) - w)));
  if (short === 0) return widths;
  // Only a table whose words do not all fit is measured line by line as well.
  const max = perColumn(block, columns, (cell) => cellMaxWidth(cell, ctx)).map((m, i) => Math.max(m, min[i] ?? 0));
  const tiers = [
    widths.map((w, i) => Math.max(0, w - (max[i] ?? 0))),
    widths.map((w, i) => ((max[i] ?? 0) > w ? Math.max(0, w - (min[i] ?? 0)) : 0)),
    widths.map((w, i) => ((max[i] ?? 0) > w ? 0 : (max[i] ?? 0) - (min[i] ?? 0))),
  ];
  if (sum(tiers.map(sum)) < short) return widths;
  const out = widths.map((w, i) => Math.max(w, min[i] ?? 0));
  for (const tier of tiers) {
    const room = sum(tier);
    if (short <= 0 || room === 0) continue;
    const take = Math.min(short, room);
    tier.forEach((r, i) => {
      out[i] = (out[i] ?? 0) - (r * take) / room;
    });
    short -= take;
  }
  return out;
}

function rowSlice(ctx: LayoutContext, cells: readonly TableCell[], widths: readonly number[], spaceBefore: number): Slice {
  const pad = theme.tableCellPadPt;
  const laid = cells.map((cell, i) => textBlock(cellInlines(cell), withWidth(ctx, (widths[i] ?? 0) - 2 * pad), theme.bodySizePt));
  const height = Math.max(...laid.map((c) => c.height)) + 2 * pad;
  const boxes: Box[] = [];
  let x = 0;
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 0;
    boxes.push({ kind: 'rect', x, y: 0, width, height, fillGray: cell.header ? theme.tableHeaderFillGray : null, strokeGray: theme.tableRuleGray, strokeWidth: 0.75 });
    boxes.push(...(laid[i]?.boxes ?? []).map((b) => ({ ...b, x: b.x + x + pad, y: b.y + pad })));
    x += width;
  });
  return slice({ height, boxes, spaceBefore, label: 'table row' });
}

/**
 * A table as one slice per row. Leading rows made only of <th> are the header: kept
 * with the first body row and repeated at the top of every page the table continues on.
 */
export function tableSlices(block: TableBlock, ctx: LayoutContext): Slice[] {
  const widths = columnWidths(block, ctx);
  const headerCount = block.rows.findIndex((row) => !row.every((c) => c.header));
  const nHeader = headerCount === -1 ? 0 : headerCount;
  const header = block.rows.slice(0, nHeader).map((row) => ({ ...rowSlice(ctx, row, widths, 0), keepWithNext: true, label: 'table header' }));
  const body = block.rows.slice(nHeader).map((row) => ({ ...rowSlice(ctx, row, widths, 0), repeatHeader: header.length > 0 ? header : null }));
  const all = [...header, ...body];
  const first = all[0];
  if (first) all[0] = { ...first, spaceBefore: theme.paragraphGapPt + 2 };
  return all;
}
