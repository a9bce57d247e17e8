import { PDFName, PDFRawStream, PDFString, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import type { FieldBox } from '../layout/types.js';
import { num } from './contentStream.js';

function appearance(context: PDFContext, width: number, height: number, ops: string): PDFRef {
  const dict = context.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, num(width), num(height)].map(Number), Resources: {} });
  return context.register(PDFRawStream.of(dict, new TextEncoder().encode(ops)));
}

/** A check mark drawn with lines, so the "on" state needs no font. */
function checkMark(width: number, height: number): string {
  const w = width;
  const h = height;
  return `q 0.1 G 1.6 w 1 J 1 j ${num(w * 0.2)} ${num(h * 0.5)} m ${num(w * 0.42)} ${num(h * 0.25)} l ${num(w * 0.8)} ${num(h * 0.78)} l S Q`;
}

/**
 * One widget-and-field dictionary per box, with explicit appearance streams so every
 * viewer shows the same thing without regenerating them. The page already draws the
 * lines and boxes; an empty field's appearance is empty.
 */
export function buildField(context: PDFContext, pageRef: PDFRef, pageHeight: number, box: FieldBox): PDFRef {
  const rect = [box.x, pageHeight - box.y - box.height, box.x + box.width, pageHeight - box.y].map((v) => Number(num(v)));
  const common = { Type: 'Annot', Subtype: 'Widget', T: PDFString.of(box.name), Rect: rect, F: 4, P: pageRef };
  let dict: PDFDict;
  switch (box.fieldKind) {
    case 'text':
      dict = context.obj({ ...common, FT: 'Tx', DA: PDFString.of('/Helv 11 Tf 0 g'), AP: { N: appearance(context, box.width, box.height, '/Tx BMC EMC') } });
      break;
    case 'checkbox': {
      const on = appearance(context, box.width, box.height, checkMark(box.width, box.height));
      const off = appearance(context, box.width, box.height, '');
      dict = context.obj({ ...common, FT: 'Btn', V: 'Off', AS: 'Off', MK: {}, AP: { N: { Yes: on, Off: off }, D: { Yes: on, Off: off } } });
      break;
    }
    case 'signature':
      dict = context.obj({ ...common, FT: 'Sig', AP: { N: appearance(context, box.width, box.height, '') } });
      break;
    default: {
      const never: never = box.fieldKind;
      throw new Error(`unknown field kind ${String(never)}`);
    }
  }
  return context.register(dict);
}

/** The document's AcroForm: every field, a default font for typing into text fields, SigFlags when there are signature fields. */
export function buildAcroForm(context: PDFContext, fields: readonly PDFRef[], hasSignatures: boolean): PDFDict {
  const helv = context.register(context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  const form = context.obj({ Fields: [...fields], DA: PDFString.of('/Helv 0 Tf 0 g'), DR: { Font: { Helv: helv } } });
  if (hasSignatures) form.set(PDFName.of('SigFlags'), context.obj(1));
  return form;
}
