/**
 * PDF text strings (PDF 32000-1 §7.9.2.2): in PDFDocEncoding when every character has a
 * code there, in UTF-16BE only when one has not. Archiving tools keep a PDFDocEncoding
 * title where some dropped a UTF-16 one, and most Info strings are plain ASCII.
 */

/** PDFDocEncoding's codes 0x80-0xA0, which differ from Latin-1 (0x9F is undefined). */
const upperCodes: readonly (number | null)[] = [
  0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
  0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e, null,
  0x20ac,
];

const byCodePoint = new Map<number, number>();
for (let code = 0x20; code <= 0x7e; code++) byCodePoint.set(code, code);
upperCodes.forEach((cp, i) => {
  if (cp !== null) byCodePoint.set(cp, 0x80 + i);
});
// 0xA1-0xFF are Latin-1's, except 0xAD, which PDFDocEncoding leaves undefined.
for (let code = 0xa1; code <= 0xff; code++) if (code !== 0xad) byCodePoint.set(code, code);

/** The text's PDFDocEncoding bytes, or null when a character has no code there. */
export function pdfDocEncode(text: string): number[] | null {
  const out: number[] = [];
  for (const ch of text) {
    const code = byCodePoint.get(ch.codePointAt(0) as number);
    if (code === undefined) return null;
    out.push(code);
  }
  return out;
}

/**
 * A text string written out as printable ASCII: a literal string in PDFDocEncoding
 * (bytes past ASCII, parentheses and the backslash escaped), or a hex string in
 * UTF-16BE with its byte order mark when PDFDocEncoding cannot hold the text.
 */
export function pdfTextString(text: string): string {
  const bytes = pdfDocEncode(text);
  if (bytes === null) {
    let hex = 'FEFF';
    for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    return `<${hex}>`;
  }
  let literal = '';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) literal += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x80) literal += `\\${byte.toString(8).padStart(3, '0')}`;
    else literal += String.fromCharCode(byte);
  }
  return `(${literal})`;
}

/** A date as a PDF date string, in UTC: `(D:20261124140000Z)`. */
export function pdfDateString(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}
