import type { Argv, ArgumentsCamelCase } from 'yargs';
import { documentsOption } from '../documents.js';
import { templateSetFor } from '../templateSet.js';
import { readJson } from '../io.js';

interface ValidateArgs {
  templates?: string;
  input: string;
  clinic?: string;
  document?: string;
}

export const command = 'validate';
export const describe = 'Check a visit (and clinic) against the contract without rendering';

export function builder(yargs: Argv): Argv<ValidateArgs> {
  return yargs
    .option('input', { alias: 'i', type: 'string', demandOption: true, describe: 'Visit JSON file ("-" for standard input)' })
    .option('clinic', { alias: 'c', type: 'string', describe: 'Clinic JSON file' })
    .option('templates', { alias: 't', type: 'string', describe: 'A clinic\'s template set (a directory); default: the clinic JSON\'s "templates", else careprint\'s own' })
    .option('document', { alias: ['d', 'doc', 'docs'], type: 'string', describe: 'Also apply the clinical hard stops of these documents (e.g. discharge, or consent,fasting)' }) as unknown as Argv<ValidateArgs>;
}

export async function handler(args: ArgumentsCamelCase<ValidateArgs>): Promise<void> {
  // A misspelt document would otherwise check no hard stop at all and answer "valid".
  const input = readJson(args.input, 'input');
  const clinic = args.clinic === undefined ? undefined : readJson(args.clinic, 'clinic');
  const templates = await templateSetFor(args.templates, args.clinic ?? args.input, clinic ?? (input as { clinic?: unknown } | null)?.clinic);
  const docs = args.document === undefined ? [] : documentsOption('--document', args.document, templates?.documentTypes());
  const [{ prepareVisit }, { checkHardStops }, { sharedMetrics }] = await Promise.all([import('../../render.js'), import('../../clinical/hardStops.js'), import('../../fonts/fontkitMetrics.js')]);
  // As a render reads it: a language the set adds is accepted, and every field must be printable.
  const { visit } = prepareVisit(input, clinic, sharedMetrics(), {}, templates);
  if (docs.length > 0) checkHardStops(docs, visit);
  process.stderr.write('valid\n');
}
