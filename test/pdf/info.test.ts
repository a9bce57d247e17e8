import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfDocEncode, pdfTextString } from '../../src/pdf/textString.js';
import { renderPacket } from '../../src/packet.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { runsWith } from '../helpers/tools.js';

/** The Info dictionary as written in the file: the object the trailer's /Info names. */
function rawInfo(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  const ref = /\/Info (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')));
  if (!ref) throw new Error('no /Info in the trailer');
  const start = text.indexOf(`\n${ref[1]} 0 obj\n`);
  return text.slice(start, text.indexOf('endobj', start));
}

describe('PDF text strings', () => {
  it('are PDFDocEncoding when every character has a code there', () => {
    expect(pdfTextString('Harbor Light Infusion Clinic')).toBe('(Harbor Light Infusion Clinic)');
    expect(pdfTextString('Núñez (Sr.) \\ — €')).toBe('(N\\372\\361ez \\(Sr.\\) \\\\ \\204 \\240)');
    expect(pdfDocEncode('“ok” • ‘fine’')).toEqual([0x8d, 0x6f, 0x6b, 0x8e, 0x20, 0x80, 0x20, 0x8f, 0x66, 0x69, 0x6e, 0x65, 0x90]);
  });

  it('are UTF-16BE with a byte order mark only when one character has no code', () => {
    expect(pdfTextString('Nguyễn')).toBe('<FEFF004E006700750079' + '1EC5006E>');
    // A soft hyphen and a no-break space have no PDFDocEncoding code (0xA0 there is the euro sign).
    expect(pdfTextString('a\u00a0b')).toBe('<FEFF006100A00062>');
    expect(pdfTextString('a\u00adb')).toBe('<FEFF006100AD0062>');
    expect(pdfTextString('😀')).toBe('<FEFFD83DDE00>');
  });
});

describe('the document information', () => {
  it('is written in PDFDocEncoding and reads back as given', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('spanish-names'), clinic());
    const raw = rawInfo(bytes);
    expect(raw).not.toContain('<FEFF');
    expect(raw).toContain('/Author (Harbor Light Infusion Clinic)');
    expect(raw).toContain(`/Keywords (${info.documentId})`);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toMatch(/: María José Núñez Peña$/);
    expect(doc.getAuthor()).toBe('Harbor Light Infusion Clinic');
  });

  it('falls back to UTF-16BE for a name PDFDocEncoding cannot hold', async () => {
    const v = visit('iv');
    const patient = { ...(v.patient as object), givenName: 'Minh', familyName: 'Nguyễn' };
    const { bytes } = await renderDocument('discharge', { ...v, patient }, clinic());
    expect(rawInfo(bytes)).toMatch(/\/Title <FEFF[0-9A-F]+>/);
    expect((await PDFDocument.load(bytes, { updateMetadata: false })).getTitle()).toBe('Going home after ketamine treatment: Minh Nguyễn');
  });

  // Ghostscript 10.00 keeps a DOCINFO string in PDF/A only when it is plain ASCII without
  // escapes: a UTF-16 string, like any byte past ASCII, is dropped.
  it.skipIf(!runsWith('gs', 'CAREPRINT_REQUIRE_GHOSTSCRIPT'))('keeps title, author and subject through Ghostscript\'s PDF/A-2b conversion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careprint-'));
    const cases = [
      ['discharge', await renderDocument('discharge', visit('iv'), clinic())],
      ['packet', await renderPacket(['consent', 'side-effects', 'fasting'], visit('iv'), clinic())],
    ] as const;
    for (const [name, rendered] of cases) {
      const input = join(dir, `${name}.pdf`);
      const output = join(dir, `${name}-a.pdf`);
      writeFileSync(input, rendered.bytes);
      execFileSync('gs', ['-q', '-dPDFA=2', '-dBATCH', '-dNOPAUSE', '-dPDFACompatibilityPolicy=1', '-sColorConversionStrategy=RGB', '-sDEVICE=pdfwrite', `-sOutputFile=${output}`, input], { stdio: 'pipe' });
      const before = await PDFDocument.load(rendered.bytes, { updateMetadata: false });
      const after = execFileSync('pdfinfo', [output], { encoding: 'utf8' });
      expect(after).toContain(`Title:           ${before.getTitle()}`);
      expect(after).toContain(`Author:          ${before.getAuthor()}`);
      expect(after).toContain(`Subject:         ${before.getSubject()}`);
    }
  });
});
