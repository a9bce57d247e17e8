import type { Block, TableCell } from '../../markup/blocks.js';
import { withWidth, type LayoutContext } from '../context.js';
import { slice, type Slice } from '../slice.js';
import { theme } from '../theme.js';
import type { Box } from '../types.js';
import { textBlock } from '../text/textSlices.js';

type TableBlock = Extract<Block, { kind: 'table' }>;

function columnWidths(block: TableBlock, widthPt: number): number[] {
  const columns = block.rows[0]?.length ?? 1;
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * widthPt);
}

function rowSlice(ctx: LayoutContext, cells: readonly TableCell[], widths: readonly number[], spaceBefore: number): Slice {
  const pad = theme.tableCellPadPt;
  const laid = cells.map((cell, i) =>
    textBlock(
      cell.header ? cell.inlines.map((inl) => (inl.kind === 'text' ? { ...inl, bold: true } : inl)) : cell.inlines,
      withWidth(ctx, (widths[i] ?? 0) - 2 * pad),
      theme.bodySizePt,
    ),
  );
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
  const widths = columnWidths(block, ctx.widthPt);
  const headerCount = block.rows.findIndex((row) => !row.every((c) => c.header));
  const nHeader = headerCount === -1 ? 0 : headerCount;
  const header = block.rows.slice(0, nHeader).map((row) => ({ ...rowSlice(ctx, row, widths, 0), keepWithNext: true, label: 'table header' }));
  const body = block.rows.slice(nHeader).map((row) => ({ ...rowSlice(ctx, row, widths, 0), repeatHeader: header.length > 0 ? header : null }));
  const all = [...header, ...body];
  const first = all[0];
  if (first) all[0] = { ...first, spaceBefore: theme.paragraphGapPt + 2 };
  return all;
}
