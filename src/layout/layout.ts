import type { Block } from '../markup/blocks.js';
import { layoutBlocks } from './blocks/layoutBlocks.js';
import type { LayoutContext } from './context.js';
import type { FontMetrics } from './metrics.js';
import { pageChrome } from './pageChrome.js';
import { paginate } from './paginate.js';
import { shiftBoxes } from './slice.js';
import { theme } from './theme.js';
import { paperSizes, type LayoutOptions, type LayoutResult, type Page } from './types.js';

/**
 * The layout stage: a block tree to pages of positioned boxes. Pure: the same blocks,
 * metrics and options give the same pages.
 */
export function layout(blocks: readonly Block[], metrics: FontMetrics, options: LayoutOptions): LayoutResult {
  const frame = paperSizes[options.paper];
  const m = theme.marginPt;
  const chrome = pageChrome(metrics, options.chrome, frame);
  const contentTop = m + theme.headerBandPt + 6 + chrome.headerDropPt;
  const contentHeight = frame.heightPt - contentTop - m - theme.footerBandPt - 6;
  const ctx: LayoutContext = { metrics, widthPt: frame.widthPt - 2 * m, options, fieldNames: new Set() };
  const { pages: placed, warnings } = paginate(layoutBlocks(blocks, ctx), contentHeight);
  const pages: Page[] = placed.map((onPage, i) => ({
    widthPt: frame.widthPt,
    heightPt: frame.heightPt,
    boxes: [...onPage.flatMap((p) => shiftBoxes(p.slice.boxes, m, contentTop + p.y)), ...chrome.boxes(i + 1, placed.length)],
  }));
  return { pages, warnings, contents: placed.map((onPage) => onPage.map((p) => p.slice.label)) };
}
