import type { Argv, ArgumentsCamelCase } from 'yargs';
import { languages } from '../../model/vocabulary.js';
import type { Paper } from '../../layout/types.js';
import { documentsOption } from '../documents.js';
import { languageOption, templateSetFor } from '../templateSet.js';
import { UsageError } from '../exit.js';
import { checkOutput, readJson, writeAtomic } from '../io.js';

interface RenderArgs {
  templates?: string;
  document: string;
  input: string;
  clinic?: string;
  out: string;
  paper: Paper;
  lang?: string;
  json: boolean;
}

export const command = 'render <document>';
export const describe = 'Render one document for one visit to a PDF';

export function builder(yargs: Argv): Argv<RenderArgs> {
  return yargs
    .positional('document', { type: 'string', describe: 'Document type, e.g. discharge', demandOption: true })
    .option('input', { alias: 'i', type: 'string', demandOption: true, describe: 'Visit JSON file ("-" for standard input)' })
    .option('clinic', { alias: 'c', type: 'string', describe: 'Clinic JSON file (or give the clinic under the visit\'s "clinic" key)' })
    .option('templates', { alias: 't', type: 'string', describe: 'A clinic\'s template set (a directory); default: the clinic JSON\'s "templates", else careprint\'s own' })
    .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'PDF file to write ("-" for standard output)' })
    .option('paper', { choices: ['letter', 'a4'] as const, default: 'letter' as Paper, describe: 'Paper size' })
    .option('lang', { type: 'string', describe: `Language (${languages.join(', ')}, or one the template set adds); overrides patient.language` })
    .option('json', { type: 'boolean', default: false, describe: 'Print the document info as JSON' }) as unknown as Argv<RenderArgs>;
}

export async function handler(args: ArgumentsCamelCase<RenderArgs>): Promise<void> {
  checkOutput(args.out);
  const visit = readJson(args.input, 'input');
  const clinic = args.clinic === undefined ? undefined : readJson(args.clinic, 'clinic');
  const templates = await templateSetFor(args.templates, args.clinic ?? args.input, clinic ?? (visit as { clinic?: unknown } | null)?.clinic);
  if (documentsOption('document', args.document, templates?.documentTypes()).length !== 1) throw new UsageError('document: render makes one document; careprint packet makes several into one PDF');
  languageOption(args.lang, templates, languages);
  const { renderDocument } = await import('../../render.js');
  const { bytes, info } = await renderDocument(args.document, visit, clinic, { paper: args.paper, ...(args.lang ? { lang: args.lang } : {}), ...(templates ? { templates } : {}) });
  writeAtomic(args.out, bytes);
  if (args.json) process.stderr.write(`${JSON.stringify(info, null, 2)}\n`);
  else process.stderr.write(`wrote ${args.out === '-' ? 'standard output' : args.out}: ${info.documentType} ${info.templateVersion}, ${info.pages} page${info.pages === 1 ? '' : 's'}, ${info.documentId}\n`);
  for (const w of info.warnings) process.stderr.write(`warning: page ${w.page}: ${w.message}\n`);
}
