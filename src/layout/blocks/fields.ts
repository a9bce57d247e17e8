import { CareprintError } from '../../errors.js';
import type { SignatureRole } from '../../markup/blocks.js';
import type { LayoutContext } from '../context.js';
import { slice, type Slice } from '../slice.js';
import { theme } from '../theme.js';
import type { Box, FieldBox, FieldKind } from '../types.js';
import { lineGeometry, placeLine, textBlock } from '../text/textSlices.js';
import { breakLines } from '../text/breakLines.js';

const captionSizePt = 10;

export function claimFieldName(ctx: LayoutContext, name: string): string {
  if (ctx.fieldNames.has(name)) throw CareprintError.of('markup_invalid', `field ${name}`, 'two form fields have the same name; every field name must be unique');
  ctx.fieldNames.add(name);
  return name;
}

function field(ctx: LayoutContext, fieldKind: FieldKind, name: string, x: number, y: number, width: number, height: number): FieldBox {
  return { kind: 'field', fieldKind, name: claimFieldName(ctx, name), x, y, width, height };
}

/** Template-named fields carry the document prefix too, so names stay unique in a packet. */
const prefixed = (ctx: LayoutContext, name: string) => `${ctx.options.fieldPrefix}.${name}`;

function rule(x1: number, x2: number, y: number): Box {
  return { kind: 'line', x1, x2, y1: y, y2: y, width: 0.9, gray: theme.textGray };
}

function caption(ctx: LayoutContext, text: string, x: number, y: number): Box[] {
  const [line] = breakLines([{ kind: 'text', text, bold: false, italic: false }], ctx.metrics, { sizePt: captionSizePt, gray: theme.mutedGray, maxWidthPt: 1e6 });
  return line ? placeLine(line, x, y) : [];
}

/**
 * A signature block, never split: who signs (role label and printed name), then one
 * row with the signature line, a date line and a time line, each carrying a form
 * field exactly where the line is drawn, and a caption under each line.
 */
export function signatureSlice(ctx: LayoutContext, role: SignatureRole, label: string, printedName: string, nameBeside = false): Slice {
  const { labels, fieldPrefix } = ctx.options;
  const heading = textBlock(
    [
      { kind: 'text', text: printedName ? `${label}: ` : label, bold: true, italic: false },
      ...(printedName ? [{ kind: 'text' as const, text: printedName, bold: false, italic: false }] : []),
    ],
    ctx,
    theme.bodySizePt,
  );
  const signingRoomPt = 28;
  const gap = 14;
  const w = ctx.widthPt;
  const sigW = Math.round(w * 0.56);
  const boxes: Box[] = [...heading.boxes];
  let top = heading.height;
  // A signer the visit does not name prints their name on a line of its own, or on a
  // line beside the label where the template asks for it and the label leaves room.
  const [labelLine] = breakLines([{ kind: 'text', text: label, bold: true, italic: false }], ctx.metrics, { sizePt: theme.bodySizePt, gray: theme.textGray, maxWidthPt: 1e6 });
  const labelW = labelLine?.width ?? 0;
  const besideX = labelW + gap;
  if (!printedName && nameBeside && heading.height <= theme.bodySizePt * theme.lineHeight + 1e-6 && w - besideX >= w * 0.4) {
    const y = Math.max(heading.height, theme.fieldHeightPt) + 2;
    const top0 = y - theme.fieldHeightPt;
    boxes.length = 0;
    // The label sits on the name line, as "Name ______" does on a paper form.
    const shift = y - 4 - (heading.boxes[0]?.y ?? 0);
    boxes.push(...heading.boxes.map((b) => ({ ...b, y: b.y + shift })));
    boxes.push(rule(besideX, w, y), field(ctx, 'text', `${fieldPrefix}.${role}.name`, besideX, top0, w - besideX, theme.fieldHeightPt));
    boxes.push(...caption(ctx, labels.printedName, besideX, y + captionSizePt * 1.25));
    top = y + captionSizePt * 1.25 + 4;
  } else if (!printedName) {
    const y = top + theme.fieldHeightPt + 4;
    boxes.push(rule(0, sigW, y), field(ctx, 'text', `${fieldPrefix}.${role}.name`, 0, y - theme.fieldHeightPt, sigW, theme.fieldHeightPt));
    boxes.push(...caption(ctx, labels.printedName, 0, y + captionSizePt * 1.25));
    top = y + captionSizePt * 1.25 + 4;
  }
  const lineY = top + signingRoomPt;
  const dateW = Math.round((w - sigW - 2 * gap) * 0.55);
  const timeW = w - sigW - dateW - 2 * gap;
  const xs = [0, sigW + gap, sigW + gap + dateW + gap];
  const widths = [sigW, dateW, timeW];
  const kinds: FieldKind[] = ['signature', 'text', 'text'];
  const suffixes = ['signature', 'date', 'time'];
  const captions = [labels.signature, labels.date, labels.time];
  const captionBaseline = lineY + captionSizePt * 1.25;
  xs.forEach((x, i) => {
    const width = widths[i] ?? 0;
    const height = i === 0 ? signingRoomPt - 2 : theme.fieldHeightPt;
    boxes.push(rule(x, x + width, lineY));
    boxes.push(field(ctx, kinds[i] ?? 'text', `${fieldPrefix}.${role}.${suffixes[i]}`, x, lineY - height, width, height));
    boxes.push(...caption(ctx, captions[i] ?? '', x, captionBaseline));
  });
  return slice({ height: captionBaseline + 4, boxes, spaceBefore: theme.signatureGapPt, label: `signature block (${role})` });
}

/** "Initials ______" at the right edge, kept with the section before it. */
export function initialsSlice(ctx: LayoutContext, name: string, label: string): Slice {
  const boxW = 80;
  const h = theme.fieldHeightPt;
  const text = breakLines([{ kind: 'text', text: label || ctx.options.labels.initials, bold: true, italic: false }], ctx.metrics, { sizePt: 11, gray: theme.textGray, maxWidthPt: ctx.widthPt / 2 });
  const labelW = Math.max(...text.map((l) => l.width));
  const x = ctx.widthPt - boxW;
  const boxes: Box[] = [
    ...text.flatMap((l, i) => placeLine(l, x - 8 - labelW, h - 5 - (text.length - 1 - i) * 14)),
    { kind: 'rect', x, y: 0, width: boxW, height: h, fillGray: null, strokeGray: theme.textGray, strokeWidth: 0.9 },
    field(ctx, 'text', prefixed(ctx, name), x, 0, boxW, h),
  ];
  return slice({ height: h, boxes, spaceBefore: 6, label: `initials ${name}` });
}

/** A tick box with its label wrapped beside it. */
export function checkboxSlice(ctx: LayoutContext, name: string, label: string): Slice {
  const box = 15;
  const indent = box + 10;
  const text = textBlock([{ kind: 'text', text: label, bold: false, italic: false }], { ...ctx, widthPt: ctx.widthPt - indent }, theme.bodySizePt);
  const { baselinePt } = lineGeometry(ctx, theme.bodySizePt);
  const top = baselinePt - box + 2;
  const boxes: Box[] = [
    { kind: 'rect', x: 0, y: top, width: box, height: box, fillGray: null, strokeGray: theme.textGray, strokeWidth: 1.2 },
    field(ctx, 'checkbox', prefixed(ctx, name), 0, top, box, box),
    ...text.boxes.map((b) => ({ ...b, x: b.x + indent })),
  ];
  return slice({ height: text.height, boxes, spaceBefore: theme.paragraphGapPt, label: `checkbox ${name}` });
}

/** A labelled line to write on, with a text field over it. */
export function fieldSlice(ctx: LayoutContext, name: string, label: string): Slice {
  const head = textBlock([{ kind: 'text', text: label, bold: false, italic: false }], ctx, theme.bodySizePt);
  const lineY = head.height + theme.fieldHeightPt + 2;
  const boxes: Box[] = [...head.boxes, rule(0, ctx.widthPt, lineY), field(ctx, 'text', prefixed(ctx, name), 0, lineY - theme.fieldHeightPt, ctx.widthPt, theme.fieldHeightPt)];
  return slice({ height: lineY + 4, boxes, spaceBefore: theme.paragraphGapPt, label: `field ${name}` });
}

/** A short blank: its label, then a writing line of `widthPercent` of the column, with a text field over the line. */
export interface ShortBlank {
  readonly name: string;
  readonly label: string;
  readonly widthPercent: number;
}

/**
 * Short blanks written on the line of their labels ("No driving until ______ on ______"),
 * as many on a line as fit, each line one slice kept with the next: a drowsy patient or a
 * busy nurse fills them in where the sentence reads, not on lines of their own.
 */
export function shortBlankSlices(ctx: LayoutContext, blanks: readonly ShortBlank[]): Slice[] {
  const { heightPt, baselinePt } = lineGeometry(ctx, theme.bodySizePt);
  const gap = 6;
  const rowHeight = Math.max(heightPt, theme.fieldHeightPt) + gap;
  const lineY = rowHeight - gap / 2;
  const rows: Box[][] = [[]];
  let x = 0;
  for (const blank of blanks) {
    const [label] = breakLines([{ kind: 'text', text: blank.label, bold: false, italic: false }], ctx.metrics, { sizePt: theme.bodySizePt, gray: theme.textGray, maxWidthPt: 1e6 });
    const labelW = label ? label.width : 0;
    const lineW = (ctx.widthPt * blank.widthPercent) / 100;
    const start = x === 0 ? 0 : x + gap;
    if (start + labelW + gap + lineW > ctx.widthPt + 1e-6 && x > 0) {
      rows.push([]);
      x = 0;
    }
    const row = rows[rows.length - 1] as Box[];
    const left = x === 0 ? 0 : x + gap;
    const lineX = left + labelW + (labelW > 0 ? gap : 0);
    const lineEnd = Math.min(lineX + lineW, ctx.widthPt);
    if (label) row.push(...placeLine(label, left, lineY - heightPt + baselinePt));
    row.push(rule(lineX, lineEnd, lineY), field(ctx, 'text', prefixed(ctx, blank.name), lineX, lineY - theme.fieldHeightPt, lineEnd - lineX, theme.fieldHeightPt));
    x = lineEnd;
  }
  return rows.map((boxes, i) => slice({ height: rowHeight, boxes, spaceBefore: i === 0 ? theme.paragraphGapPt : 0, keepWithNext: i < rows.length - 1, label: 'short blanks' }));
}
