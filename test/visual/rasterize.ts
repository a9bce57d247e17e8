import * as mupdf from 'mupdf';
import { PNG } from 'pngjs';

/**
 * Each page in gray at `dpi`, as an RGBA PNG, drawn by the pinned mupdf (goldens
 * depend on its version). Drawn without viewer extras: mupdf marks unsigned
 * signature fields with an on-screen tag that is not part of the printed page.
 * careprint's field appearances are empty, so the page content is what prints.
 */
export function rasterize(bytes: Uint8Array, dpi = 72): PNG[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages: PNG[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const pixmap = doc.loadPage(i).toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceGray, false, false);
    const width = pixmap.getWidth();
    const height = pixmap.getHeight();
    const gray = pixmap.getPixels();
    const stride = pixmap.getStride();
    const png = new PNG({ width, height });
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const v = gray[y * stride + x] ?? 0;
        const at = (y * width + x) * 4;
        png.data[at] = v;
        png.data[at + 1] = v;
        png.data[at + 2] = v;
        png.data[at + 3] = 255;
      }
    }
    pages.push(png);
  }
  return pages;
}
