import { PDFDocument, PDFHexString, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { writePdf } from '../../src/pdf/writePdf.js';

/** A document of `pages` pages, each with a content stream of `streamBytes` bytes, a title and a file ID. */
async function sample(pages: number, streamBytes: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([612, 792]);
    const contents = Uint8Array.from({ length: streamBytes }, (_, i) => (i * 31 + p) & 0xff);
    page.node.set(PDFName.of('Contents'), doc.context.register(PDFRawStream.of(doc.context.obj({ Length: streamBytes }), contents)));
  }
  doc.setTitle(`Sample of ${pages} pages — é`);
  const id = PDFHexString.of('00112233445566778899aabbccddeeff');
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc;
}

const save = (doc: PDFDocument) => doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });

describe('writePdf', () => {
  it('writes the same bytes as pdf-lib, for a small document and one far larger than its buffer', async () => {
    for (const [pages, streamBytes] of [
      [1, 100],
      [3, 200_000],
      [40, 5_000],
      [1, 100],
    ] as const) {
      const doc = await sample(pages, streamBytes);
      const expected = await save(doc);
      const written = writePdf(doc.context);
      expect(written.length).toBe(expected.length);
      expect(Buffer.from(written).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('returns bytes of its own, which the next document does not overwrite', async () => {
    const first = writePdf((await sample(2, 3_000)).context);
    const copy = Uint8Array.from(first);
    writePdf((await sample(5, 9_000)).context);
    expect(Buffer.from(first).equals(Buffer.from(copy))).toBe(true);
    expect(first.buffer.byteLength).toBe(first.length);
  });
});
