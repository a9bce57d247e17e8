/**
 * What the layout produces: pages of positioned boxes in points, origin at the top
 * left of the page, y growing downwards; text boxes are placed by their baseline.
 * No PDF types here: the painter turns these into operators.
 */
export interface TextBox {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly sizePt: number;
  readonly face: string;
  readonly glyphIds: readonly number[];
  readonly advances: readonly number[];
  readonly codePoints: readonly number[];
  readonly gray: number;
}

export interface RectBox {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fillGray: number | null;
  readonly strokeGray: number | null;
  readonly strokeWidth: number;
}

export interface LineBox {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  readonly gray: number;
}

export type FieldKind = 'text' | 'checkbox' | 'signature';

/** Where an interactive form field goes; the painter makes it an AcroForm field. */
export interface FieldBox {
  readonly kind: 'field';
  readonly fieldKind: FieldKind;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Box = TextBox | RectBox | LineBox | FieldBox;

export interface Page {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly boxes: readonly Box[];
}

export interface LayoutWarning {
  readonly code: 'kept_block_split' | 'block_taller_than_page';
  readonly message: string;
  readonly page: number;
}

export interface LayoutResult {
  readonly pages: readonly Page[];
  readonly warnings: readonly LayoutWarning[];
  /** What each page holds, top to bottom: the label of each slice ("heading 2", "signature block (patient)"), for checks on where pages break. */
  readonly contents: readonly (readonly string[])[];
}

export type Paper = 'letter' | 'a4';
export const paperSizes: Readonly<Record<Paper, { widthPt: number; heightPt: number }>> = {
  letter: { widthPt: 612, heightPt: 792 },
  a4: { widthPt: 595.28, heightPt: 841.89 },
};

/** Text the layout puts on every page; `pageLabel` has `{page}` and `{pages}` placeholders. */
export interface PageChrome {
  readonly headerLeft: string;
  readonly headerRight: string;
  readonly footerLeft: string;
  readonly pageLabel: string;
}

export interface LayoutOptions {
  readonly paper: Paper;
  readonly chrome: PageChrome;
  /** Prefix of signature field names: `<document>.<role>.signature`. */
  readonly fieldPrefix: string;
  /** Labels printed under signature lines. */
  readonly labels: { readonly signature: string; readonly date: string; readonly time: string; readonly printedName: string; readonly initials: string };
}
