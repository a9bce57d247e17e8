// Makes fonts/kerning.json: the kerning of every pair of common characters in each
// Atkinson face, so that a render looks pairs up instead of laying them out with
// fontkit (about 80 ms of each process's first document, and the optimising compiler's
// work on fontkit's layout code). Run it after changing a font: a table made from other
// font bytes is ignored (its SHA-256 does not match) and a test fails until it is remade.
// Needs the compiled library: npm run kerning.
import { writeFileSync } from 'node:fs';
import { loadFace } from '../dist/fonts/faces.js';
import { kerningFileName, measureFaceKerning, tabledFaces } from '../dist/fonts/kerningTable.js';

/** One line per left character, so a font update shows as a readable diff. */
function format(table) {
  const faces = Object.entries(table).map(([id, { sha256, chars, pairs }]) => {
    const rows = Object.entries(pairs).map(([left, [rights, values]]) => `    ${JSON.stringify(left)}: [${JSON.stringify(rights)}, [${values.join(', ')}]]`);
    return `  ${JSON.stringify(id)}: {\n    "sha256": ${JSON.stringify(sha256)},\n    "chars": ${JSON.stringify(chars)},\n    "pairs": {\n${rows.map((r) => `  ${r}`).join(',\n')}\n    }\n  }`;
  });
  return `{\n${faces.join(',\n')}\n}\n`;
}

const table = {};
for (const id of tabledFaces) table[id] = measureFaceKerning(loadFace(id));
const file = new URL(`../fonts/${kerningFileName}`, import.meta.url);
writeFileSync(file, format(table));
console.log(`${file.pathname.split('/').slice(-2).join('/')}: ${Object.values(table).reduce((n, f) => n + Object.values(f.pairs).reduce((m, [, v]) => m + v.length, 0), 0)} kerned pairs in ${tabledFaces.length} faces`);
