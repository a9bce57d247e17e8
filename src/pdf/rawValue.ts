import { PDFObject } from 'pdf-lib';

/**
 * A PDF value already written out (ASCII), such as a font's W array or a form field's
 * dictionary. pdf-lib keeps every name and number as an object and formats it again
 * for each document; a value that is the same in many documents is written once and
 * copied as it stands, and a small one made for each document costs a string instead
 * of a tree of objects. Line feeds are allowed, as pdf-lib puts each entry of a
 * dictionary on a line of its own.
 */
export class PDFRawValue extends PDFObject {
  private constructor(private readonly text: string) {
    super();
  }

  static of(text: string): PDFRawValue {
    if (!/^[\x20-\x7e\n]*$/.test(text)) throw new Error('a raw PDF value must be printable ASCII and line feeds');
    return new PDFRawValue(text);
  }

  override clone(): PDFRawValue {
    return this;
  }

  override toString(): string {
    return this.text;
  }

  override sizeInBytes(): number {
    return this.text.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    for (let i = 0; i < this.text.length; i++) buffer[offset + i] = this.text.charCodeAt(i);
    return this.text.length;
  }
}

/** An array as pdf-lib writes one: `[ a b ]`, and `[ ]` when empty. */
export function pdfArrayText(items: readonly (string | number)[]): string {
  let text = '[ ';
  for (const item of items) text += `${item} `;
  return `${text}]`;
}

/** A dictionary as pdf-lib writes one: `<<`, then each `/Key value` entry on a line of its own, then `>>`. */
export function pdfDictText(entries: readonly string[]): string {
  let text = '<<\n';
  for (const entry of entries) text += `${entry}\n`;
  return `${text}>>`;
}
