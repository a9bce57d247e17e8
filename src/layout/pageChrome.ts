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
  // Text that fits on one line is that line, whatever its parts: each part then fits too.
  const whole = chromeText(metrics, text, maxWidthPt, bold);
  if (whole.length <= 1) return [...whole];
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

const chromeStep = theme.chromeSizePt * 1.3;

/** Lines of small text placed upwards from `bottomBaseline`, left or right aligned in a column. */
function column(lines: ReturnType<typeof chromeLines>, x: number, width: number, bottomBaseline: number, align: 'left' | 'right'): Box[] {
  return lines.flatMap((line, i) => placeLine(line, align === 'left' ? x : x + width - line.width, bottomBaseline - (lines.length - 1 - i) * chromeStep));
}

/** Header lines that fit above the header rule, in the top margin; more push the rule and the body down. */
const headerLinesInMargin = 3;

export interface DocumentChrome {
  /** How far the header pushes the body down: 0 unless it needs more than three lines. */
  readonly headerDropPt: number;
  /** The chrome of page `page` of `pages`. */
  boxes(page: number, pages: number): Box[];
}

/**
 * Header (clinic, patient) and footer (template, version, "Page n of N") for the pages
 * of one document. The header is the same on every page, so it is set once; the footer
 * is set again only when the width the page label leaves it changes. The header grows
 * up into the top margin for three lines; a longer one (a long name in Spanish) grows
 * down instead, moving the rule and the body with it, so it never nears the paper's
 * edge, where a printer cannot print.
 */
export function pageChrome(metrics: FontMetrics, chrome: PageChrome, frame: Frame): DocumentChrome {
  const m = theme.marginPt;
  const width = frame.widthPt - 2 * m;
  const leftWidth = width * 0.4 - 6;
  const rightWidth = width * 0.6 - 6;
  const left = chromeLines(metrics, chrome.headerLeft, leftWidth, true);
  const right = chromeLines(metrics, chrome.headerRight, rightWidth, false);
  const headerDropPt = Math.max(0, Math.max(left.length, right.length) - headerLinesInMargin) * chromeStep;
  const headerBaseline = m + theme.headerBandPt - 10 + headerDropPt;
  const ruleY = m + theme.headerBandPt - 4 + headerDropPt;
  const footerTop = frame.heightPt - m - theme.footerBandPt;
  const footerBaseline = footerTop + 16;
  const header: Box[] = [
    ...column(left, m, leftWidth, headerBaseline, 'left'),
    ...column(right, m + width - rightWidth, rightWidth, headerBaseline, 'right'),
    { kind: 'line', x1: m, x2: m + width, y1: ruleY, y2: ruleY, width: 0.6, gray: theme.tableRuleGray },
    { kind: 'line', x1: m, x2: m + width, y1: footerTop + 4, y2: footerTop + 4, width: 0.6, gray: theme.tableRuleGray },
  ];
  const footers = new Map<number, Box[]>();
  return {
    headerDropPt,
    boxes(page, pages) {
      const label = chrome.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages));
      const labelWidth = Math.max(...chromeText(metrics, label, width, true).map((l) => l.width));
      const footerWidth = width - labelWidth - 16;
      let footer = footers.get(footerWidth);
      if (!footer) {
        footer = column(chromeLines(metrics, chrome.footerLeft, footerWidth, false), m, footerWidth, footerBaseline, 'left');
        footers.set(footerWidth, footer);
      }
      return [...header, ...footer, ...column(chromeLines(metrics, label, labelWidth, true), m + width - labelWidth, labelWidth, footerBaseline, 'right')];
    },
  };
}
