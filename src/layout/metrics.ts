/**
 * What the layout needs to know about fonts. Production uses the embedded OFL fonts
 * through fontkit (src/fonts); unit tests use a fixed-width fake. Widths are in
 * thousandths of an em, so a width at size `s` points is `width * s / 1000`.
 */
export interface TextStyle {
  readonly bold: boolean;
  readonly italic: boolean;
}

/** A run of glyphs from one face. `advances` already include kerning. */
export interface ShapedSegment {
  readonly face: string;
  readonly glyphIds: readonly number[];
  readonly advances: readonly number[];
  readonly codePoints: readonly number[];
  readonly width: number;
}

export interface ShapedText {
  readonly segments: readonly ShapedSegment[];
  readonly width: number;
}

export interface FontMetrics {
  /** Shapes a string with no line breaks. Throws for a character no face can print. */
  shape(text: string, style: TextStyle): ShapedText;
  /** Characters of `text` that no face can print, each once, in order of appearance. */
  unprintable(text: string): string[];
  /** Ascent and descent (positive) of the primary face, in thousandths of an em. */
  readonly ascent: number;
  readonly descent: number;
}
