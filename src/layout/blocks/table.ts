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

/** The width a cell needs so that no word breaks, and the width that sets each of its lines whole. */
function cellNeeds(cell: TableCell, ctx: LayoutContext): { min: number; max: number } {
  const inlines = cellInlines(cell);
  const pad = 2 * theme.tableCellPadPt;
  const lines = breakLines(inlines, ctx.metrics, { sizePt: theme.bodySizePt, gray: theme.textGray, maxWidthPt: Number.POSITIVE_INFINITY });
  const min = minContentWidth(inlines, ctx.metrics, theme.bodySizePt) + pad;
  return { min, max: Math.max(min, ...lines.map((line) => line.width + pad)) };
}

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
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * ctx.widthPt);
  const min = widths.map(() => 0);
  const max = widths.map(() => 0);
  for (const row of block.rows) {
    row.forEach((cell, i) => {
      const needs = cellNeeds(cell, ctx);
      min[i] = Math.max(min[i] ?? 0, needs.min);
      max[i] = Math.max(max[i] ?? 0, needs.max);
    });
  }
  let short = widths.reduce((sum, w, i) => sum + Math.max(0, (min[i] ?? 0) - w), 0);
  if (short === 0) return widths;
  const tiers = [
    widths.map((w, i) => Math.max(0, w - Math.max(min[i] ?? 0, max[i] ?? 0))),
    widths.map((w, i) => ((max[i] ?? 0) > w ? Math.max(0, w - (min[i] ?? 0)) : 0)),
    widths.map((w, i) => ((max[i] ?? 0) > w ? 0 : Math.max(0, Math.min(w, max[i] ?? 0) - (min[i] ?? 0)))),
  ];
  const room = tiers.reduce((sum, tier) => sum + tier.reduce((a, b) => a + b, 0), 0);
  if (room < short) return widths;
  const out = widths.map((w, i) => Math.max(w, min[i] ?? 0));
  for (const tier of tiers) {
    const tierRoom = tier.reduce((a, b) => a + b, 0);
    if (short <= 0 || tierRoom === 0) continue;
    const take = Math.min(short, tierRoom);
    tier.forEach((r, i) => {
      out[i] = (out[i] ?? 0) - (r * take) / tierRoom;
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
