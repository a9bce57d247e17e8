import { PDFName, PDFString, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import type { FieldBox } from '../layout/types.js';
import { num } from './contentStream.js';
import { PDFRawValue, pdfArrayText, pdfDictText } from './rawValue.js';
import { latin1, writtenStream } from './streams.js';

/*
 * A sheet has ten or so fields, each a dictionary and one or two appearance streams,
 * made for every document. They are written out as text, laid out as pdf-lib writes
 * dictionaries and arrays ("<<", one "/Key value" a line, ">>"; "[ a b ]"), rather than
 * built as trees of pdf-lib objects: that took a tenth of painting a sheet.
 */

/** A form XObject of the field's size drawing `ops` (ASCII). */
function appearance(context: PDFContext, width: number, height: number, ops: string): PDFRef {
  return writtenStream(context, ['/Type /XObject', '/Subtype /Form', `/BBox ${pdfArrayText(['0', '0', num(width), num(height)])}`, '/Resources <<\n>>'], latin1(ops));
}

/** A check mark drawn with lines, so the "on" state needs no font. */
function checkMark(width: number, height: number): string {
  const w = width;
  const h = height;
  return `q 0.1 G 1.6 w 1 J 1 j ${num(w * 0.2)} ${num(h * 0.5)} m ${num(w * 0.42)} ${num(h * 0.25)} l ${num(w * 0.8)} ${num(h * 0.78)} l S Q`;
}

/** Field names are letters, digits, "-", "_" and dots (the markup grammar's rule), so they need no escaping in a string. */
const plainName = /^[A-Za-z0-9_.-]+$/;

/**
 * One widget-and-field dictionary per box, with explicit appearance streams so every
 * viewer shows the same thing without regenerating them. The page already draws the
 * lines and boxes; an empty field's appearance is empty.
 */
export function buildField(context: PDFContext, pageRef: PDFRef, pageHeight: number, box: FieldBox): PDFRef {
  if (!plainName.test(box.name)) throw new Error(`field name ${JSON.stringify(box.name)} must be letters, digits, "-", "_" and dots`);
  const rect = pdfArrayText([box.x, pageHeight - box.y - box.height, box.x + box.width, pageHeight - box.y].map(num));
  const common = ['/Type /Annot', '/Subtype /Widget', `/T (${box.name})`, `/Rect ${rect}`, '/F 4', `/P ${pageRef}`];
  let entries: string[];
  switch (box.fieldKind) {
    case 'text': {
      const normal = appearance(context, box.width, box.height, '/Tx BMC EMC');
      entries = [...common, '/FT /Tx', '/DA (/Helv 11 Tf 0 g)', `/AP ${pdfDictText([`/N ${normal}`])}`];
      break;
    }
    case 'checkbox': {
      const on = appearance(context, box.width, box.height, checkMark(box.width, box.height));
      const off = appearance(context, box.width, box.height, '');
      const states = pdfDictText([`/Yes ${on}`, `/Off ${off}`]);
      entries = [...common, '/FT /Btn', '/V /Off', '/AS /Off', '/MK <<\n>>', `/AP ${pdfDictText([`/N ${states}`, `/D ${states}`])}`];
      break;
    }
    case 'signature': {
      const normal = appearance(context, box.width, box.height, '');
      entries = [...common, '/FT /Sig', `/AP ${pdfDictText([`/N ${normal}`])}`];
      break;
    }
    default: {
      const never: never = box.fieldKind;
      throw new Error(`unknown field kind ${String(never)}`);
    }
  }
  return context.register(PDFRawValue.of(pdfDictText(entries)));
}

/** The document's AcroForm: every field, a default font for typing into text fields, SigFlags when there are signature fields. */
export function buildAcroForm(context: PDFContext, fields: readonly PDFRef[], hasSignatures: boolean): PDFDict {
  const helv = context.register(context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  const form = context.obj({ Fields: [...fields], DA: PDFString.of('/Helv 0 Tf 0 g'), DR: { Font: { Helv: helv } } });
  if (hasSignatures) form.set(PDFName.of('SigFlags'), context.obj(1));
  return form;
}
