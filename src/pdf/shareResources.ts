import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';

/** Dictionaries that may be shared once equal: fonts and their descriptors, never pages. */
const sharedTypes = new Set(['/Font', '/FontDescriptor']);

/** What makes two objects the same, or null for an object that must stay its own (a page, the catalog). */
function identity(object: PDFObject): string | null {
  if (object instanceof PDFStream) {
    return `stream ${object.dict.toString()} ${createHash('sha256').update(object.getContents()).digest('hex')}`;
  }
  if (object instanceof PDFDict) {
    const type = object.get(PDFName.of('Type'));
    if (type instanceof PDFName && sharedTypes.has(type.toString())) return `dict ${object.toString()}`;
  }
  return null;
}

function remapRefs(object: PDFObject, remap: ReadonlyMap<PDFRef, PDFRef>): PDFObject {
  if (object instanceof PDFRef) return remap.get(object) ?? object;
  if (object instanceof PDFStream) {
    remapRefs(object.dict, remap);
  } else if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      const next = remapRefs(value, remap);
      if (next !== value) object.set(key, next);
    }
  } else if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) {
      const value = object.get(i);
      const next = remapRefs(value, remap);
      if (next !== value) object.set(i, next);
    }
  }
  return object;
}

/**
 * Keeps one copy of each stream, font and font descriptor that several documents of a
 * combined file carry (each sheet embeds its own font subsets, and two patients' sheets
 * often use the same ones). The first copy, by object number, is kept and every
 * reference to another is pointed at it; a font whose subsets were merged becomes equal
 * to another font in the next round, and so on until nothing changes. Pages are never
 * merged, so the page tree and every bookmark stay as they were. Returns how many
 * objects were dropped.
 */
export function shareDuplicateResources(context: PDFContext): number {
  let dropped = 0;
  for (;;) {
    const first = new Map<string, PDFRef>();
    const remap = new Map<PDFRef, PDFRef>();
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      const id = identity(object);
      if (id === null) continue;
      const kept = first.get(id);
      if (kept) remap.set(ref, kept);
      else first.set(id, ref);
    }
    if (remap.size === 0) return dropped;
    for (const ref of remap.keys()) context.delete(ref);
    for (const [, object] of context.enumerateIndirectObjects()) remapRefs(object, remap);
    dropped += remap.size;
  }
}
