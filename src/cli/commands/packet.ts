import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { Paper } from '../../layout/types.js';
import { languages } from '../../model/vocabulary.js';
import { defaultPacketDocs } from '../../document/docs.js';
import { documentsOption } from '../documents.js';
import { languageOption, templateSetFor } from '../templateSet.js';
import { checkOutput, readJson, writeAtomic } from '../io.js';

interface PacketArgs {
  templates?: string;
  input: string;
  clinic?: string;
  docs: string;
  out: string;
  paper: Paper;
  lang?: string;
  duplex: boolean;
  json: boolean;
}

export const command = 'packet';
export const describe = 'Render several documents for one visit as one PDF, with bookmarks';

export function builder(yargs: Argv): Argv<PacketArgs> {
  return yargs
    .option('input', { alias: 'i', type: 'string', demandOption: true, describe: 'Visit JSON file ("-" for standard input)' })
    .option('clinic', { alias: 'c', type: 'string', describe: 'Clinic JSON file (or give the clinic under the visit\'s "clinic" key)' })
    .option('templates', { alias: 't', type: 'string', describe: 'A clinic\'s template set (a directory); default: the clinic JSON\'s "templates", else careprint\'s own' })
    .option('docs', { alias: ['d', 'doc'], type: 'string', default: defaultPacketDocs.join(','), describe: 'Documents, in order, comma-separated' })
    .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'PDF file to write ("-" for standard output)' })
    .option('paper', { choices: ['letter', 'a4'] as const, default: 'letter' as Paper, describe: 'Paper size' })
    .option('lang', { type: 'string', describe: `Language (${languages.join(', ')}, or one the template set adds); overrides patient.language` })
    .option('duplex', { type: 'boolean', default: false, describe: 'Start every document on a front side (adds a blank back page where needed)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the packet info as JSON' }) as unknown as Argv<PacketArgs>;
}

export async function handler(args: ArgumentsCamelCase<PacketArgs>): Promise<void> {
  checkOutput(args.out);
  const visit = readJson(args.input, 'input');
  const clinic = args.clinic === undefined ? undefined : readJson(args.clinic, 'clinic');
  const templates = await templateSetFor(args.templates, args.clinic ?? args.input, clinic ?? (visit as { clinic?: unknown } | null)?.clinic);
  const docs = documentsOption('--docs', args.docs, templates?.documentTypes());
  languageOption(args.lang, templates, languages);
  const { renderPacket } = await import('../../packet.js');
  const { bytes, info } = await renderPacket(docs, visit, clinic, { paper: args.paper, duplex: args.duplex, ...(args.lang ? { lang: args.lang } : {}), ...(templates ? { templates } : {}) });
  writeAtomic(args.out, bytes);
  if (args.json) {
    process.stderr.write(`${JSON.stringify(info, null, 2)}\n`);
  } else {
    const parts = info.documents.map((d) => `${d.documentType} ${d.templateVersion} (${d.pages} p.)`).join(', ');
    process.stderr.write(`wrote ${args.out === '-' ? 'standard output' : args.out}: ${info.pages} pages, ${parts}, ${info.packetId}\n`);
  }
  for (const doc of info.documents) for (const w of doc.warnings) process.stderr.write(`warning: ${doc.documentType} page ${w.page}: ${w.message}\n`);
}
