import type { FontMetrics } from './metrics.js';
import { theme } from './theme.js';
import { breakLines } from './text/breakLines.js';
import { placeLine } from './text/textSlices.js';
import { paperSizes, type Page, type Paper } from './types.js';

/**
 * The back of a sheet left empty so the next document starts on a front side. It says
 * so, in small grey type, so nobody wonders whether a page failed to print.
 */
export function blankPage(metrics: FontMetrics, paper: Paper, notice: string): Page {
  const frame = paperSizes[paper];
  const [line] = breakLines([{ kind: 'text', text: notice, bold: false, italic: true }], metrics, { sizePt: theme.chromeSizePt + 1, gray: theme.mutedGray, maxWidthPt: frame.widthPt - 2 * theme.marginPt });
  return { widthPt: frame.widthPt, heightPt: frame.heightPt, boxes: line ? placeLine(line, (frame.widthPt - line.width) / 2, frame.heightPt / 2) : [] };
}
