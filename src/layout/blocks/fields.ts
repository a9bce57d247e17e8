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
export function signatureSlice(ctx: LayoutContext, role: SignatureRole, label: string, printedName: string): Slice {
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
  // A signer the visit does not name prints their name on a line of its own.
  if (!printedName) {
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
