import { dirname, join, isAbsolute } from 'node:path';
import type { TemplateRegistry } from '../template/registry.js';
import { UsageError } from './exit.js';

/**
 * The template set a command uses: `--templates DIR`, else the clinic JSON's `templates`
 * (a path relative to the clinic file), else careprint's own (undefined). The set is
 * linted as it loads; a set with problems is refused with every problem listed.
 */
export async function templateSetFor(option: string | undefined, clinicFile: string | undefined, clinic: unknown): Promise<TemplateRegistry | undefined> {
  const fromClinic = clinic && typeof clinic === 'object' ? (clinic as { templates?: unknown }).templates : undefined;
  let dir: string | undefined = option;
  if (dir === undefined && typeof fromClinic === 'string') {
    if (clinicFile === undefined || clinicFile === '-') {
      if (!isAbsolute(fromClinic)) throw new UsageError('clinic.templates: a clinic read from standard input or from the visit names its template set by an absolute path, or give --templates', { helps: false });
      dir = fromClinic;
    } else {
      dir = isAbsolute(fromClinic) ? fromClinic : join(dirname(clinicFile), fromClinic);
    }
  }
  if (dir === undefined) return undefined;
  const { loadTemplateSet } = await import('../templateSet/loadSet.js');
  return loadTemplateSet(dir, dir.replace(/\/+$/, ''));
}

/** `--lang`: careprint's languages, and those the set adds. */
export function languageOption(lang: string | undefined, registry: TemplateRegistry | undefined, known: readonly string[]): void {
  const all = registry?.languages() ?? known;
  if (lang !== undefined && lang !== 'auto' && !all.includes(lang)) throw new UsageError(`--lang: "${lang}" is not a language the templates have; known: ${all.join(', ')}`);
}
