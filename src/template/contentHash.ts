import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { templatesDir } from './registry.js';

/**
 * A hash of everything that decides a document's wording: its language templates and
 * the shared partials. template.json records it with the version it belongs to, so
 * changing the text without raising the version is caught by a test.
 */
export function templateContentHash(documentType: string, root: URL = templatesDir): string {
  const hash = createHash('sha256');
  const add = (dir: URL, label: string) => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort()) {
      hash.update(`${label}/${file}\n`).update(readFileSync(new URL(file, dir))).update('\n');
    }
  };
  add(new URL(`${documentType}/`, root), documentType);
  add(new URL('partials/', root), 'partials');
  return hash.digest('hex');
}
