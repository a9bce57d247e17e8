import type { Box, TextBox } from './types.js';

/**
 * The unit of pagination: a strip of the page that is never split. Boxes are placed
 * relative to the slice's top left (x from the content area's left edge). Between a
 * slice with `keepWithNext` and the next one no page break may fall.
 */
export interface Slice {
  readonly height: number;
  /** Space above the slice; dropped at the top of a page. */
  readonly spaceBefore: number;
  readonly boxes: readonly Box[];
  readonly keepWithNext: boolean;
  readonly pageBreakBefore: boolean;
  /** Table rows: the header rows to repeat when this row starts a page. */
  readonly repeatHeader: readonly Slice[] | null;
  /** What the slice is, for warnings. */
  readonly label: string;
}

export function slice(partial: Partial<Slice> & Pick<Slice, 'height' | 'boxes' | 'label'>): Slice {
  return { spaceBefore: 0, keepWithNext: false, pageBreakBefore: false, repeatHeader: null, ...partial };
}

/** A text box moved by (dx, dy). Written out field by field: every text box then has one shape, which is faster than a spread. */
export function shiftText(box: TextBox, dx: number, dy: number): TextBox {
  return { kind: 'text', x: box.x + dx, y: box.y + dy, sizePt: box.sizePt, face: box.face, glyphIds: box.glyphIds, advances: box.advances, codePoints: box.codePoints, gray: box.gray };
}

export function shiftBox(box: Box, dx: number, dy: number): Box {
  switch (box.kind) {
    case 'text':
      return shiftText(box, dx, dy);
    case 'rect':
    case 'field':
      return { ...box, x: box.x + dx, y: box.y + dy };
    case 'line':
      return { ...box, x1: box.x1 + dx, x2: box.x2 + dx, y1: box.y1 + dy, y2: box.y2 + dy };
    default: {
      const never: never = box;
      return never;
    }
  }
}

export function shiftBoxes(boxes: readonly Box[], dx: number, dy: number): Box[] {
  return boxes.map((b) => shiftBox(b, dx, dy));
}

/** Stacks slices into one unbreakable slice (keep-together, callouts, signature blocks). */
export function stackSlices(slices: readonly Slice[], label: string): Slice {
  const boxes: Box[] = [];
  let y = 0;
  slices.forEach((s, i) => {
    if (i > 0) y += s.spaceBefore;
    boxes.push(...shiftBoxes(s.boxes, 0, y));
    y += s.height;
  });
  const first = slices[0];
  const last = slices[slices.length - 1];
  return slice({ height: y, boxes, label, spaceBefore: first?.spaceBefore ?? 0, keepWithNext: last?.keepWithNext ?? false });
}
