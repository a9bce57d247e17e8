import { readFileSync, writeFileSync } from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { CareprintError } from '../../errors.js';
import { documentTypes, templatesDir } from '../../template/documentTypes.js';

interface TemplatesArgs {
  lock: boolean;
}

export const command = 'templates';
export const describe = 'List the document templates with their versions and languages';

export function builder(yargs: Argv): Argv<TemplatesArgs> {
  return yargs.option('lock', {
    type: 'boolean',
    default: false,
    describe: 'Record the current content hash of every template whose version was raised',
  }) as unknown as Argv<TemplatesArgs>;
}

export async function handler(args: ArgumentsCamelCase<TemplatesArgs>): Promise<void> {
  const [{ templateLanguages, templateMeta }, { templateContentHash }] = await Promise.all([import('../../template/registry.js'), import('../../template/contentHash.js')]);

  const lock = (documentType: string): string => {
    const meta = templateMeta(documentType);
    const sha256 = templateContentHash(documentType);
    if (sha256 === meta.content.sha256) return 'unchanged';
    if (meta.version === meta.content.version) {
      throw CareprintError.of('template_missing', `templates/${documentType}/template.json`, `the text changed but the version is still ${meta.version}; raise "version" (and "effectiveDate") first`);
    }
    const file = new URL(`${documentType}/template.json`, templatesDir);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    json.content = { version: meta.version, sha256 };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    return `locked at ${meta.version}`;
  };

  for (const type of documentTypes()) {
    const meta = templateMeta(type);
    const state = args.lock ? lock(type) : templateContentHash(type) === meta.content.sha256 ? 'locked' : 'CHANGED since its version was set';
    process.stdout.write(`${meta.id.padEnd(14)} ${meta.version.padEnd(8)} effective ${meta.effectiveDate}  ${templateLanguages(type).join(',').padEnd(6)} ${state}\n`);
  }
}
