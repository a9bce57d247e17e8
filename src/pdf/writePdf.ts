import { PDFCrossRefSection, PDFHeader, PDFTrailer, PDFTrailerDict, type PDFContext } from 'pdf-lib';

/** Anything pdf-lib can write: it returns the number of bytes the whole of it takes. */
interface Writable {
  copyBytesInto(buffer: Uint8Array, offset: number): number;
  sizeInBytes(): number;
}

/**
 * Where documents are written, kept between them (a worker paints one at a time), so
 * writing a document allocates only the copy it returns. It grows to the largest
 * document written.
 */
let scratch = new Uint8Array(1 << 16);

const objOpen = (objectNumber: number, generationNumber: number): string => `${objectNumber} ${generationNumber} obj\n`;
const objClose = '\nendobj\n\n';

function ensure(at: number, bytes: number): void {
  if (at + bytes <= scratch.length) return;
  const grown = new Uint8Array(Math.max(2 * scratch.length, at + bytes + (1 << 12)));
  grown.set(scratch.subarray(0, at));
  scratch = grown;
}

/** Writes `object` at `at`, growing the scratch buffer first if it does not fit. */
function put(object: Writable, at: number): number {
  if (at < scratch.length) {
    try {
      const written = object.copyBytesInto(scratch, at);
      // Bytes past the end are dropped silently by some writers: a fit is a length within it.
      if (at + written <= scratch.length) return written;
    } catch (error) {
      // A stream's contents past the end throw: grow and write again.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  ensure(at, object.sizeInBytes());
  return object.copyBytesInto(scratch, at);
}

function putAscii(text: string, at: number): number {
  ensure(at, text.length);
  for (let i = 0; i < text.length; i++) scratch[at + i] = text.charCodeAt(i);
  return text.length;
}

/**
 * The document as a PDF file, byte for byte what pdf-lib's own writer makes of it
 * (`PDFDocument.save` without object streams), in one pass: that writer measures every
 * object once to size its buffer and then writes it, and the measuring was a third of
 * writing a sheet. Only for documents with nothing left to embed through pdf-lib's own
 * API (fonts, images), which `save` would do first.
 */
export function writePdf(context: PDFContext): Uint8Array {
  let at = put(PDFHeader.forVersion(1, 7), 0);
  at += putAscii('\n\n', at);
  const xref = PDFCrossRefSection.create();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    xref.addEntry(ref, at);
    at += putAscii(objOpen(ref.objectNumber, ref.generationNumber), at);
    at += put(object, at);
    at += putAscii(objClose, at);
  }
  const xrefOffset = at;
  at += put(xref, at);
  at += putAscii('\n', at);
  const { Root, Encrypt, Info, ID } = context.trailerInfo;
  at += put(PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root, Encrypt, Info, ID })), at);
  at += putAscii('\n\n', at);
  at += put(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset), at);
  return scratch.slice(0, at);
}
