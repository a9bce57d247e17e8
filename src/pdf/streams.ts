import { PDFObject, type PDFContext, type PDFRef } from 'pdf-lib';
import { pdfDictText } from './rawValue.js';

export const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const tail = latin1('\nendstream');

/**
 * A stream object written out: its dictionary and the "stream" keyword as text, then its
 * bytes, copied as they stand. pdf-lib's own stream objects copy their contents a byte
 * at a time and make a new Length number each time they are written; a sheet's font
 * programs and page contents are tens of kilobytes.
 */
class WrittenStream extends PDFObject {
  readonly #head: Uint8Array;
  readonly #contents: Uint8Array;

  constructor(head: string, contents: Uint8Array) {
    super();
    this.#head = latin1(head);
    this.#contents = contents;
  }

  override clone(): WrittenStream {
    return this;
  }

  override sizeInBytes(): number {
    return this.#head.length + this.#contents.length + tail.length;
  }

  override toString(): string {
    return Buffer.concat([this.#head, this.#contents, tail]).toString('latin1');
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.#head, offset);
    buffer.set(this.#contents, offset + this.#head.length);
    buffer.set(tail, offset + this.#head.length + this.#contents.length);
    return this.sizeInBytes();
  }
}

/**
 * Registers a stream object: the dictionary `entries` with /Length added last, then
 * `contents`, written as pdf-lib writes a stream.
 */
export function writtenStream(context: PDFContext, entries: readonly string[], contents: Uint8Array): PDFRef {
  return context.register(new WrittenStream(`${pdfDictText([...entries, `/Length ${contents.length}`])}\nstream\n`, contents));
}

/** Registers a stream whose bytes are already deflated (node's zlib: faster than pdf-lib's own), /Filter first. */
export function flateStream(context: PDFContext, deflated: Uint8Array, extra: Readonly<Record<string, number>> = {}): PDFRef {
  return writtenStream(context, ['/Filter /FlateDecode', ...Object.entries(extra).map(([key, value]) => `/${key} ${value}`)], deflated);
}
