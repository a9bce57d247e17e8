import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { templatesDir } from './documentTypes.js';

/** A named text that counts in a hash: `en.hbs` and its contents. */
export interface HashedFile {
  readonly name: string;
  readonly text: string | Buffer;
}

/**
 * A hash of everything that decides a document's wording: its language templates and
 * the layer's shared partials, each file under its name, in name order.
 */
export function contentHashOf(documentType: string, templates: readonly HashedFile[], partials: readonly HashedFile[]): string {
  const hash = createHash('sha256');
  const add = (files: readonly HashedFile[], label: string) => {
    for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      hash.update(`${label}/${file.name}\n`).update(file.text).update('\n');
    }
  };
  add(templates, documentType);
  add(partials, 'partials');
  return hash.digest('hex');
}

function hbsFiles(dir: URL): HashedFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((name) => ({ name, text: readFileSync(new URL(name, dir)) }));
}

/**
 * The content hash of a document in a template directory, read from disk. template.json
 * records it with the version it belongs to, so changing the text without raising the
 * version is caught, in careprint's templates and in a clinic's set alike.
 */
export function templateContentHash(documentType: string, root: URL = templatesDir): string {
  return contentHashOf(documentType, hbsFiles(new URL(`${documentType}/`, root)), hbsFiles(new URL('partials/', root)));
}
