// Renders the README's picture: the first page of the example discharge sheet
// (out/discharge-example.pdf, made by `npm run demo`), drawn by the pinned mupdf at
// 60 dpi into docs/discharge-example.png. Run `npm run demo && npm run readme-picture`
// after a change to the discharge sheet and check the picture in with it.
import { readFileSync, writeFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const source = process.argv[2] ?? 'out/discharge-example.pdf';
const target = process.argv[3] ?? 'docs/discharge-example.png';
const doc = mupdf.Document.openDocument(readFileSync(source), 'application/pdf');
const pixmap = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(60 / 72, 60 / 72), mupdf.ColorSpace.DeviceRGB, false, true);
writeFileSync(target, pixmap.asPNG());
console.log(target);
