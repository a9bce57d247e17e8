import type { FontMetrics } from './metrics.js';
import { theme } from './theme.js';
import { breakLines } from './text/breakLines.js';
import { placeLine } from './text/textSlices.js';
import type { Box, PageChrome } from './types.js';

interface Frame {
  readonly widthPt: number;
  readonly heightPt: number;
}

function chromeText(metrics: FontMetrics, text: string, maxWidthPt: number, bold = false) {
  return breakLines([{ kind: 'text', text, bold, italic: false }], metrics, { sizePt: theme.chromeSizePt, gray: theme.mutedGray, maxWidthPt });
}

const partSeparator = ' · ';

/**
 * Chrome text ("Dana Whitfield · Born March 4, 1984 · MRN HL-100234") broken between its
 * parts: a part that does not fit on the line so far starts a new line, so a record
 * number or a document id is never split at its hyphen (which left "HL-" at the end of
 * one line and "100234" alone on the next). Only a part wider than the whole column is
 * broken inside, as any text, and the parts after it may follow on its last line.
 */
function chromeLines(metrics: FontMetrics, text: string, maxWidthPt: number, bold: boolean) {
  const lines: ReturnType<typeof chromeText>[number][] = [];
  let current = '';
  let currentLines: ReturnType<typeof chromeText> = [];
  for (const part of text.split(partSeparator)) {
    const joined = current === '' ? part : current + partSeparator + part;
    const joinedLines = chromeText(metrics, joined, maxWidthPt, bold);
    if (current !== '' && joinedLines.length > currentLines.length) {
      lines.push(...chromeText(metrics, current + partSeparator.trimEnd(), maxWidthPt, bold));
      current = part;
      currentLines = chromeText(metrics, part, maxWidthPt, bold);
    } else {
      current = joined;
      currentLines = joinedLines;
    }
  }
  lines.push(...currentLines);
  return lines;
}

/** Lines of small text placed upwards from `bottomBaseline`, left or right aligned in a column. */
function column(metrics: FontMetrics, text: string, x: number, width: number, bottomBaseline: number, align: 'left' | 'right', bold = false): Box[] {
  const lines = chromeLines(metrics, text, width, bold);
  const step = theme.chromeSizePt * 1.3;
  return lines.flatMap((line, i) => placeLine(line, align === 'left' ? x : x + width - line.width, bottomBaseline - (lines.length - 1 - i) * step));
}

/**
 * Header (clinic, patient) and footer (template, version, "Page n of N") for the pages
 * of one document. The header is the same on every page, so it is set once; the footer
 * is set again only when the width the page label leaves it changes.
 */
export function pageChrome(metrics: FontMetrics, chrome: PageChrome, frame: Frame): (page: number, pages: number) => Box[] {
  const m = theme.marginPt;
  const width = frame.widthPt - 2 * m;
  const leftWidth = width * 0.4 - 6;
  const rightWidth = width * 0.6 - 6;
  const headerBaseline = m + theme.headerBandPt - 10;
  const footerTop = frame.heightPt - m - theme.footerBandPt;
  const footerBaseline = footerTop + 16;
  const header: Box[] = [
    ...column(metrics, chrome.headerLeft, m, leftWidth, headerBaseline, 'left', true),
    ...column(metrics, chrome.headerRight, m + width - rightWidth, rightWidth, headerBaseline, 'right'),
    { kind: 'line', x1: m, x2: m + width, y1: m + theme.headerBandPt - 4, y2: m + theme.headerBandPt - 4, width: 0.6, gray: theme.tableRuleGray },
    { kind: 'line', x1: m, x2: m + width, y1: footerTop + 4, y2: footerTop + 4, width: 0.6, gray: theme.tableRuleGray },
  ];
  const footers = new Map<number, Box[]>();
  return (page, pages) => {
    const label = chrome.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages));
    const labelWidth = Math.max(...chromeText(metrics, label, width, true).map((l) => l.width));
    const footerWidth = width - labelWidth - 16;
    let footer = footers.get(footerWidth);
    if (!footer) {
      footer = column(metrics, chrome.footerLeft, m, footerWidth, footerBaseline, 'left');
      footers.set(footerWidth, footer);
    }
    return [...header, ...footer, ...column(metrics, label, m + width - labelWidth, labelWidth, footerBaseline, 'right', true)];
  };
}
