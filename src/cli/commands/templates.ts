import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { CareprintError, formatProblemForUser } from '../../errors.js';
import { CommandExit } from '../exit.js';

interface TemplatesArgs {
  lock: boolean;
}

export const command = 'templates';
export const describe = 'List the document templates with their versions and languages; lint, lock or list the values of a clinic\'s set';

export function builder(yargs: Argv): Argv<TemplatesArgs> {
  return yargs
    .command({
      command: 'lint <dir>',
      describe: 'Check a template set: exit 0 when clean, 1 with each problem as file:line:column: problem',
      builder: (y: Argv) => y.positional('dir', { type: 'string', demandOption: true, describe: 'The set\'s directory (templateset.json, <document>/<lang>.hbs, template.json, partials/)' }),
      handler: (args: ArgumentsCamelCase<{ dir: string }>) => lint(args.dir),
    })
    .command({
      command: 'vars',
      describe: 'List the values templates can use, with their types and an example',
      builder: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'As JSON' }),
      handler: (args: ArgumentsCamelCase<{ json: boolean }>) => vars(args.json),
    })
    .command({
      command: 'lock [dir]',
      describe: 'Record the content hash of every document whose version was raised (careprint\'s own, or a set\'s)',
      builder: (y: Argv) => y.positional('dir', { type: 'string', describe: 'A template set; careprint\'s own templates by default' }),
      handler: (args: ArgumentsCamelCase<{ dir?: string }>) => lockDir(args.dir),
    })
    .option('lock', {
      type: 'boolean',
      default: false,
      describe: 'Record the current content hash of every template whose version was raised (same as templates lock)',
    }) as unknown as Argv<TemplatesArgs>;
}

async function lint(dir: string): Promise<void> {
  const { lintTemplateSet } = await import('../../templateSet/loadSet.js');
  const problems = lintTemplateSet(dir, dir.replace(/\/+$/, ''));
  for (const problem of problems) process.stdout.write(`${formatProblemForUser(problem)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
    throw new CommandExit(1);
  }
  process.stderr.write(`${dir}: no problems\n`);
}

async function vars(json: boolean): Promise<void> {
  const [{ viewShape }, { listVars }] = await Promise.all([import('../../templateSet/sampleViews.js'), import('../../templateSet/viewShape.js')]);
  const lines = listVars(viewShape());
  if (json) {
    process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
    return;
  }
  const width = Math.max(...lines.map((l) => l.path.length));
  const typeWidth = Math.max(...lines.map((l) => l.type.length));
  for (const l of lines) process.stdout.write(`${l.path.padEnd(width)}  ${l.type.padEnd(typeWidth)}  ${l.example}`.trimEnd() + '\n');
}

/** Records the content hash of each document in `root` whose version was raised; refuses a changed text at an old version. */
async function lockDir(dir: string | undefined): Promise<void> {
  const [{ readLayer }, { templateContentHash }, { templatesDir }] = await Promise.all([
    import('../../template/set/readLayer.js'),
    import('../../template/contentHash.js'),
    import('../../template/documentTypes.js'),
  ]);
  const root = dir ?? fileURLToPath(templatesDir);
  const label = dir ?? 'templates';
  const { layer, problems } = readLayer(root, label, dir !== undefined);
  if (problems.length > 0) throw new CareprintError(problems);
  const rootUrl = pathToFileURL(`${resolve(root)}/`);
  for (const [type, doc] of layer.documents) {
    const sha256 = templateContentHash(type, rootUrl);
    let state = 'unchanged';
    if (sha256 !== doc.meta.content.sha256) {
      if (doc.meta.version === doc.meta.content.version) {
        throw CareprintError.of('template_missing', doc.metaFile.path, `the text changed but the version is still ${doc.meta.version}; raise "version" (and "effectiveDate") first`);
      }
      const file = join(root, type, 'template.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      json.content = { version: doc.meta.version, sha256 };
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      state = `locked at ${doc.meta.version}`;
    }
    process.stdout.write(`${doc.meta.id.padEnd(14)} ${doc.meta.version.padEnd(8)} ${state}\n`);
  }
}

export async function handler(args: ArgumentsCamelCase<TemplatesArgs>): Promise<void> {
  if (args.lock) return lockDir(undefined);
  const [{ careprintTemplates }, { templateContentHash }] = await Promise.all([import('../../template/registry.js'), import('../../template/contentHash.js')]);
  const registry = careprintTemplates();
  for (const type of registry.documentTypes()) {
    const meta = registry.meta(type);
    const state = templateContentHash(type) === meta.content.sha256 ? 'locked' : 'CHANGED since its version was set';
    process.stdout.write(`${meta.id.padEnd(14)} ${meta.version.padEnd(8)} effective ${meta.effectiveDate}  ${registry.languagesOf(type).join(',').padEnd(6)} ${state}\n`);
  }
}
