import type { Argv, ArgumentsCamelCase } from 'yargs';
import { documentsOption } from '../documents.js';
import { readJson } from '../io.js';

interface ValidateArgs {
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
    .option('document', { alias: ['d', 'doc', 'docs'], type: 'string', describe: 'Also apply the clinical hard stops of these documents (e.g. discharge, or consent,fasting)' }) as unknown as Argv<ValidateArgs>;
}

export async function handler(args: ArgumentsCamelCase<ValidateArgs>): Promise<void> {
  // A misspelt document would otherwise check no hard stop at all and answer "valid".
  const docs = args.document === undefined ? [] : documentsOption('--document', args.document);
  const [{ parseVisit }, { checkHardStops }] = await Promise.all([import('../../model/parseVisit.js'), import('../../clinical/hardStops.js')]);
  const visit = parseVisit(readJson(args.input, 'input'), args.clinic === undefined ? undefined : readJson(args.clinic, 'clinic'));
  if (docs.length > 0) checkHardStops(docs, visit);
  process.stderr.write('valid\n');
}
