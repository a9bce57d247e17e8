import type { Block } from '../../markup/blocks.js';
import { withWidth, type LayoutContext } from '../context.js';
import type { FontMetrics } from '../metrics.js';
import { shiftBoxes, slice, stackSlices, type Slice } from '../slice.js';
import { theme } from '../theme.js';
import { breakLines } from '../text/breakLines.js';
import { lineGeometry, placeLine, textSlices } from '../text/textSlices.js';
import { checkboxSlice, fieldSlice, initialsSlice, shortBlankSlices, signatureSlice, type ShortBlank } from './fields.js';
import { tableSlices } from './table.js';

type ListBlock = Extract<Block, { kind: 'list' }>;

function listSlices(block: ListBlock, ctx: LayoutContext): Slice[] {
  const indent = theme.listIndentPt;
  const inner = withWidth(ctx, ctx.widthPt - indent);
  const { baselinePt } = lineGeometry(ctx, theme.bodySizePt);
  return block.items.flatMap((item, index) => {
    const slices = layoutBlocks(item, inner).map((s) => ({ ...s, boxes: shiftBoxes(s.boxes, indent, 0) }));
    const first = slices[0];
    if (!first) return [];
    const marker = block.ordered ? `${index + 1}.` : '•';
    const [markerLine] = breakLines([{ kind: 'text', text: marker, bold: block.ordered, italic: false }], ctx.metrics, { sizePt: theme.bodySizePt, gray: theme.textGray, maxWidthPt: indent });
    slices[0] = {
      ...first,
      spaceBefore: index === 0 ? theme.paragraphGapPt : theme.listItemGapPt,
      boxes: [...(markerLine ? placeLine(markerLine, block.ordered ? 0 : 5, baselinePt) : []), ...first.boxes],
    };
    return slices;
  });
}

function calloutSlice(children: readonly Block[], ctx: LayoutContext): Slice {
  const pad = theme.calloutPadPt;
  const inner = stackSlices(layoutBlocks(children, withWidth(ctx, ctx.widthPt - 2 * pad)), 'callout');
  const height = inner.height + 2 * pad;
  return slice({
    height,
    spaceBefore: theme.paragraphGapPt + 6,
    label: 'callout',
    boxes: [
      { kind: 'rect', x: 0, y: 0, width: ctx.widthPt, height, fillGray: theme.calloutFillGray, strokeGray: theme.textGray, strokeWidth: theme.calloutBorderPt },
      ...shiftBoxes(inner.boxes, pad, pad),
    ],
  });
}

function blockSlices(block: Block, ctx: LayoutContext): Slice[] {
  switch (block.kind) {
    case 'heading': {
      const sizePt = theme.headingSizes[block.level];
      const bold = block.inlines.map((i) => (i.kind === 'text' ? { ...i, bold: true } : i));
      const lines = textSlices(bold, ctx, { sizePt, spaceBefore: theme.headingGapBeforePt[block.level] + theme.paragraphGapPt, keepWithNext: true, unbreakable: true, label: `heading ${block.level}` });
      const last = lines[lines.length - 1];
      if (last) lines[lines.length - 1] = { ...last, height: last.height + theme.headingGapAfterPt - theme.paragraphGapPt };
      return lines;
    }
    case 'paragraph':
      return textSlices(block.inlines, ctx, { sizePt: theme.bodySizePt, spaceBefore: theme.paragraphGapPt, label: 'paragraph' });
    case 'list':
      return listSlices(block, ctx);
    case 'table':
      return tableSlices(block, ctx);
    case 'rule':
      return [slice({ height: 14, spaceBefore: theme.paragraphGapPt, label: 'rule', boxes: [{ kind: 'line', x1: 0, x2: ctx.widthPt, y1: 7, y2: 7, width: 0.75, gray: theme.tableRuleGray }] })];
    case 'callout':
      return [calloutSlice(block.children, ctx)];
    case 'keepTogether': {
      // Chained, not stacked: the paginator moves the chain whole, and can still split
      // it (with a warning) if it is taller than a page.
      const slices = layoutBlocks(block.children, ctx);
      return slices.map((s, i) => ({ ...s, keepWithNext: i < slices.length - 1 ? true : s.keepWithNext, label: `keep-together (${s.label})` }));
    }
    case 'section':
      return layoutBlocks(block.children, ctx);
    case 'pageBreak':
      return [];
    case 'signature':
      return [signatureSlice(ctx, block.role, block.label, block.name, block.nameBeside === true)];
    case 'initials':
      return [initialsSlice(ctx, block.name, block.label)];
    case 'checkbox':
      return [checkboxSlice(ctx, block.name, block.label)];
    case 'field':
      return [fieldSlice(ctx, block.name, block.label)];
    default: {
      const never: never = block;
      return never;
    }
  }
}

/** Whether a block holds a form field: its slices then depend on the document (field names, labels). */
function hasFields(block: Block): boolean {
  switch (block.kind) {
    case 'signature':
    case 'initials':
    case 'checkbox':
    case 'field':
      return true;
    case 'list':
      return block.items.some((item) => item.some(hasFields));
    case 'callout':
    case 'keepTogether':
    case 'section':
      return block.children.some(hasFields);
    default:
      return false;
  }
}

/**
 * Slices of the blocks the templates print for every patient, by metrics, width and
 * block. The markup stage hands every document the same block object for the same
 * markup (see `Block.key`), so a block's identity is its content; slices never change
 * once made, so documents share them. An entry lives as long as its block.
 */
const keptSlices = new WeakMap<FontMetrics, Map<number, WeakMap<Block, readonly Slice[]>>>();

function keptBlockSlices(block: Block, ctx: LayoutContext): Slice[] {
  if (block.key === undefined) return blockSlices(block, ctx);
  let byWidth = keptSlices.get(ctx.metrics);
  if (!byWidth) {
    byWidth = new Map();
    keptSlices.set(ctx.metrics, byWidth);
  }
  let byBlock = byWidth.get(ctx.widthPt);
  if (!byBlock) {
    byBlock = new WeakMap();
    byWidth.set(ctx.widthPt, byBlock);
  }
  // Copies: the caller may replace its first slice (after a page break).
  const kept = byBlock.get(block);
  if (kept) return [...kept];
  const slices = blockSlices(block, ctx);
  // Only blocks without fields are kept, so a block found kept needs no walk for them.
  if (!hasFields(block)) byBlock.set(block, [...slices]);
  return slices;
}

/**
 * Blocks to slices, top to bottom. A page break marks the next slice; initials stick
 * to the section before them.
 */
export function layoutBlocks(blocks: readonly Block[], ctx: LayoutContext): Slice[] {
  const out: Slice[] = [];
  let breakNext = false;
  let blanks: ShortBlank[] = [];
  for (const [index, block] of blocks.entries()) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    // Short blanks one after another share a line: gathered up to the last of them.
    if (block.kind === 'field' && block.widthPercent !== undefined) {
      blanks.push({ name: block.name, label: block.label, widthPercent: block.widthPercent });
      const next = blocks[index + 1];
      if (next?.kind === 'field' && next.widthPercent !== undefined) continue;
    }
    const slices = blanks.length > 0 ? shortBlankSlices(ctx, blanks) : keptBlockSlices(block, ctx);
    blanks = [];
    const prev = out[out.length - 1];
    if (block.kind === 'initials' && prev) out[out.length - 1] = { ...prev, keepWithNext: true };
    const first = slices[0];
    if (breakNext && first) {
      slices[0] = { ...first, pageBreakBefore: true };
      breakNext = false;
    }
    out.push(...slices);
  }
  return out;
}
