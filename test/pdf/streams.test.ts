import { deflateSync } from 'node:zlib';
import { PDFContext, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flateStream } from '../../src/pdf/streams.js';

/** An object's bytes, as a writer copies them. */
function written(object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes() + 8);
  const length = object.copyBytesInto(buffer, 4);
  return Buffer.from(buffer.subarray(4, 4 + length));
}

describe('streams', () => {
  it('writes a stream as pdf-lib writes one, with and without extra entries', () => {
    const context = PDFContext.create();
    const deflated = deflateSync(Buffer.from('BT /F1 12 Tf (\\(x\\)) Tj ET\n'.repeat(50), 'latin1'));
    for (const extra of [{}, { Length1: 31415 }] as Record<string, number>[]) {
      const ours = context.lookup(flateStream(context, deflated, extra));
      const theirs = PDFRawStream.of(context.obj({ Filter: 'FlateDecode', ...extra }), deflated);
      expect(ours).toBeDefined();
      const bytes = written(ours as NonNullable<typeof ours>);
      expect(bytes.equals(written(theirs))).toBe(true);
      expect(ours?.sizeInBytes()).toBe(theirs.sizeInBytes());
      expect(ours?.toString()).toBe(theirs.toString());
    }
  });
});
