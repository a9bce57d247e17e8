import { existsSync, readdirSync } from 'node:fs';

export const templatesDir = new URL('../../templates/', import.meta.url);

let types: readonly string[] | undefined;
/** The document types there are templates for, read once per process (every render asks). */
export function documentTypes(): string[] {
  types ??= readdirSync(templatesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'partials' && existsSync(new URL(`${d.name}/template.json`, templatesDir)))
    .map((d) => d.name)
    .sort();
  return [...types];
}
