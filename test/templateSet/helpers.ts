import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { templateContentHash } from '../../src/template/contentHash.js';

export const fixtureSet = new URL('../../fixtures/template-sets/harbor-light/', import.meta.url).pathname.replace(/\/$/, '');

/** A copy of the fixture set to change, in a directory of its own. */
export function copyOfSet(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'careprint-set-')), 'harbor-light');
  cpSync(fixtureSet, dir, { recursive: true });
  return dir;
}

/** Changes a file of a set copy. */
export function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** Raises a document's version and records its content, as a clinic does after an edit (`careprint templates lock`). */
export function raiseAndLock(dir: string, doc: string, version: string): void {
  const path = join(dir, doc, 'template.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  json.version = version;
  json.content = { version, sha256: templateContentHash(doc, pathToFileURL(`${dir}/`)) };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}
