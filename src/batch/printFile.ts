import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFileWriter } from '../io/atomicFile.js';
import { PdfCombiner } from '../pdf/combine.js';

export interface PrintItem {
  readonly file: string;
  readonly title: string;
}

/**
 * One PDF of many finished documents for a single print job, in the order given, with a
 * bookmark per item, written to `path` as it is made: documents are read one at a
 * time and let go, so memory does not grow with the schedule. Pages are copied whole
 * without their form fields, since this file is for paper and each document's own PDF
 * stays the sign-ready copy; fonts the documents share are written once. With `duplex`
 * each item starts on a front side. The file appears whole or not at all.
 */
export async function writePrintFile(path: string, dir: string, items: readonly PrintItem[], options: { duplex: boolean; date: Date; title: string }): Promise<void> {
  const file = new AtomicFileWriter(path);
  try {
    const combined = new PdfCombiner(file);
    for (const item of items) {
      if (options.duplex && combined.pages % 2 === 1) combined.addBlankPage();
      await combined.add(readFileSync(join(dir, item.file)), item.title);
    }
    combined.finish({ title: options.title, date: options.date });
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
