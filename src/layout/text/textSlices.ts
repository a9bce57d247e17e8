import type { Inline } from '../../markup/blocks.js';
import type { LayoutContext } from '../context.js';
import { shiftText, slice, type Slice } from '../slice.js';
import { theme } from '../theme.js';
import type { TextBox } from '../types.js';
import { breakLines, type Line } from './breakLines.js';

export interface TextBlockStyle {
  readonly sizePt: number;
  readonly gray?: number;
  readonly spaceBefore: number;
  /** Keep the last line with what follows (headings). */
  readonly keepWithNext?: boolean;
  /** Never split the block (headings). */
  readonly unbreakable?: boolean;
  readonly label: string;
}

/** Height of one line and where its baseline sits, with the leading split above and below. */
export function lineGeometry(ctx: LayoutContext, sizePt: number): { heightPt: number; baselinePt: number } {
  const heightPt = sizePt * theme.lineHeight;
  const ascentPt = (ctx.metrics.ascent * sizePt) / 1000;
  const descentPt = (ctx.metrics.descent * sizePt) / 1000;
  return { heightPt, baselinePt: (heightPt - ascentPt - descentPt) / 2 + ascentPt };
}

export function placeLine(line: Line, x: number, baseline: number): TextBox[] {
  return line.boxes.map((b) => shiftText(b, x, baseline));
}

/**
 * A run of text as one slice per line. No orphan and no widow: the first line keeps
 * with the second and the second-to-last with the last, so a paragraph splits only
 * where at least two lines stand on each side.
 */
export function textSlices(inlines: readonly Inline[], ctx: LayoutContext, style: TextBlockStyle): Slice[] {
  const lines = breakLines(inlines, ctx.metrics, { sizePt: style.sizePt, gray: style.gray ?? theme.textGray, maxWidthPt: ctx.widthPt });
  const { heightPt, baselinePt } = lineGeometry(ctx, style.sizePt);
  const n = lines.length;
  return lines.map((line, i) =>
    slice({
      height: heightPt,
      boxes: placeLine(line, 0, baselinePt),
      spaceBefore: i === 0 ? style.spaceBefore : 0,
      keepWithNext: style.unbreakable || (i === n - 1 ? style.keepWithNext === true : i === 0 || i === n - 2),
      label: style.label,
    }),
  );
}

/** The same lines as one block of boxes (for table cells and other fixed boxes). */
export function textBlock(inlines: readonly Inline[], ctx: LayoutContext, sizePt: number, gray: number = theme.textGray): { height: number; boxes: TextBox[] } {
  const lines = breakLines(inlines, ctx.metrics, { sizePt, gray, maxWidthPt: ctx.widthPt });
  const { heightPt, baselinePt } = lineGeometry(ctx, sizePt);
  return { height: heightPt * lines.length, boxes: lines.flatMap((line, i) => placeLine(line, 0, i * heightPt + baselinePt)) };
}
