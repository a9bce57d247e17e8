import type { FaceId, LoadedFace } from '../fonts/faces.js';
import { loadFace } from '../fonts/faces.js';
import type { Box, Page, TextBox } from '../layout/types.js';
import { glyphWidth } from './embedFonts.js';

/** A number as PDF operators want it: at most 3 decimals, no trailing zeros, no "-0". */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * A glyph id as the two bytes of a literal string's character codes (Identity-H), one
 * char per byte, escaped where a literal string needs it: the parentheses, the
 * backslash, and a carriage return, which a reader would take for an end of line.
 * Half the bytes of hex, so less to compress and to store.
 */
const glyphCodes: string[] = [];

function glyphCode(gid: number): string {
  let code = glyphCodes[gid];
  if (code === undefined) {
    code = '';
    for (const byte of [gid >> 8, gid & 0xff]) {
      const ch = String.fromCharCode(byte);
      code += byte === 0x0d ? '\\r' : byte === 0x28 || byte === 0x29 || byte === 0x5c ? `\\${ch}` : ch;
    }
    glyphCodes[gid] = code;
  }
  return code;
}

/**
 * The TJ array of a run of glyphs: glyph ids as literal strings, with the layout's
 * kerning written where it differs from the font's own widths. Lines of the template's
 * own words are shared between documents (the layout caches them), so each run's array
 * is made once and kept for as long as its glyph arrays live.
 */
const tjByRun = new WeakMap<readonly number[], { readonly glyphIds: readonly number[]; readonly face: LoadedFace; readonly tj: string }>();

function tjArray(box: TextBox, face: LoadedFace): string {
  const hit = tjByRun.get(box.advances);
  if (hit && hit.glyphIds === box.glyphIds && hit.face === face) return hit.tj;
  let tj = '';
  let codes = '';
  const last = box.glyphIds.length - 1;
  for (let i = 0; i <= last; i++) {
    const gid = box.glyphIds[i] as number;
    codes += glyphCode(gid);
    if (i === last) break;
    const adjust = glyphWidth(face, gid) - (box.advances[i] ?? 0);
    if (Math.abs(adjust) >= 0.5) {
      tj += `(${codes}) ${num(adjust)} `;
      codes = '';
    }
  }
  if (codes) tj += `(${codes})`;
  tj = tj.trim();
  tjByRun.set(box.advances, { glyphIds: box.glyphIds, face, tj });
  return tj;
}

function textOps(box: TextBox, fontName: string, face: LoadedFace, pageHeight: number): string {
  return `BT /${fontName} ${num(box.sizePt)} Tf ${num(box.gray)} g ${num(box.x)} ${num(pageHeight - box.y)} Td [${tjArray(box, face)}] TJ ET`;
}

function boxOps(box: Box, fonts: ReadonlyMap<FaceId, { name: string }>, pageHeight: number): string {
  switch (box.kind) {
    case 'text': {
      const font = fonts.get(box.face as FaceId);
      if (!font) throw new Error(`face ${box.face} was not embedded`);
      return textOps(box, font.name, loadFace(box.face as FaceId), pageHeight);
    }
    case 'rect': {
      const paint = box.fillGray !== null && box.strokeGray !== null ? 'B' : box.fillGray !== null ? 'f' : 'S';
      const fill = box.fillGray !== null ? `${num(box.fillGray)} g ` : '';
      const stroke = box.strokeGray !== null ? `${num(box.strokeGray)} G ${num(box.strokeWidth)} w ` : '';
      return `q ${fill}${stroke}${num(box.x)} ${num(pageHeight - box.y - box.height)} ${num(box.width)} ${num(box.height)} re ${paint} Q`;
    }
    case 'line':
      return `q ${num(box.gray)} G ${num(box.width)} w ${num(box.x1)} ${num(pageHeight - box.y1)} m ${num(box.x2)} ${num(pageHeight - box.y2)} l S Q`;
    case 'field':
      return '';
    default: {
      const never: never = box;
      return never;
    }
  }
}

/**
 * The page's drawing operators, one char per byte (write them out as Latin-1). Text is
 * written as glyph ids with the layout's kerning in TJ arrays.
 */
export function contentStream(page: Page, fonts: ReadonlyMap<FaceId, { name: string }>): string {
  const ops: string[] = [];
  for (const box of page.boxes) {
    const op = boxOps(box, fonts, page.heightPt);
    if (op) ops.push(op);
  }
  return ops.join('\n');
}
