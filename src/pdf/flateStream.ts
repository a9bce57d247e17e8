import { PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';

/** Registers a stream whose bytes are already deflated (node's zlib: faster than pdf-lib's own). */
export function flateStream(context: PDFContext, deflated: Uint8Array, extra: Record<string, number> = {}): PDFRef {
  return context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', ...extra }), deflated));
}
