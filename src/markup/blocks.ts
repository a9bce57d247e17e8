/** The block tree: what the markup says, with no geometry. */
export interface TextRun {
  readonly kind: 'text';
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}
export interface LineBreak {
  readonly kind: 'break';
}
export type Inline = TextRun | LineBreak;

export interface TableCell {
  readonly header: boolean;
  readonly inlines: readonly Inline[];
}

export type SignatureRole = 'patient' | 'assent' | 'representative' | 'provider' | 'witness' | 'interpreter' | 'escort' | 'nurse';
export const signatureRoles: readonly SignatureRole[] = ['patient', 'assent', 'representative', 'provider', 'witness', 'interpreter', 'escort', 'nurse'];

/**
 * A block's markup, exactly as the template wrote it, when the block is a whole
 * top-level element. Equal keys mean equal blocks, so a later stage can keep work done
 * on one (the layout keeps the slices of a template's fixed paragraphs).
 */
export interface BlockKey {
  readonly key?: string;
}

export type Block = BlockKey &
  (
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly inlines: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Block[])[] }
  | { readonly kind: 'table'; readonly widths: readonly number[] | null; readonly rows: readonly (readonly TableCell[])[] }
  | { readonly kind: 'rule' }
  | { readonly kind: 'callout'; readonly children: readonly Block[] }
  | { readonly kind: 'keepTogether'; readonly children: readonly Block[] }
  /** Marks content as one required element of the document (see clinical/requiredElements); laid out as its children. */
  | { readonly kind: 'section'; readonly element: string; readonly children: readonly Block[] }
  | { readonly kind: 'pageBreak' }
  /** `nameBeside`: a signer the visit does not name prints their name on a line beside the label, not on a row of its own (`name-line="beside"`). */
  | { readonly kind: 'signature'; readonly role: SignatureRole; readonly label: string; readonly name: string; readonly nameBeside?: boolean }
  | { readonly kind: 'initials'; readonly name: string; readonly label: string }
  | { readonly kind: 'checkbox'; readonly name: string; readonly label: string }
  /** `widthPercent`: a short blank written on the label's own line ("Left the clinic at ______"); consecutive ones share a line while they fit. */
  | { readonly kind: 'field'; readonly name: string; readonly label: string; readonly widthPercent?: number }
  );

export type BlockKind = Block['kind'];
