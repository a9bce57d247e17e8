import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { errorsName, printFileName, type ManifestRow } from '../../batch/manifest.js';
import { formatOf, type ScheduleFormat } from '../../batch/scheduleFormat.js';
import { CareprintError, formatProblemForUser } from '../../errors.js';
import type { Paper } from '../../layout/types.js';
import { languages } from '../../model/vocabulary.js';
import { documentsOption } from '../documents.js';
import { languageOption, templateSetFor } from '../templateSet.js';
import { CommandExit, UsageError } from '../exit.js';
import { readJson } from '../io.js';
import { jobsFor } from '../jobs.js';

interface BatchArgs {
  templates?: string;
  schedule: string;
  clinic: string;
  out: string;
  doc: string;
  lang: string;
  format?: ScheduleFormat;
  paper: Paper;
  jobs: number;
  printFile: boolean;
  duplex: boolean;
  replace: boolean;
  progress?: boolean;
}

export const command = 'batch';
export const describe = 'Render a document for every row of a schedule (CSV, NDJSON or JSON) into a run directory';

export function builder(yargs: Argv): Argv<BatchArgs> {
  return yargs
    .option('schedule', { alias: 's', type: 'string', demandOption: true, describe: 'Schedule file: .csv, .ndjson or .json' })
    .option('clinic', { alias: 'c', type: 'string', demandOption: true, describe: 'Clinic JSON file' })
    .option('templates', { alias: 't', type: 'string', describe: 'A clinic\'s template set (a directory); default: the clinic JSON\'s "templates", else careprint\'s own' })
    .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Run directory (created if needed)' })
    .option('doc', { alias: ['d', 'docs'], type: 'string', default: 'discharge', describe: 'Document, or several comma-separated for one packet per row' })
    .option('lang', { type: 'string', default: 'auto', describe: `Language (${languages.join(', ')}, or one the template set adds); auto uses each patient's` })
    .option('format', { choices: ['csv', 'ndjson', 'json'] as const, describe: 'Schedule format, when the extension does not say' })
    .option('paper', { choices: ['letter', 'a4'] as const, default: 'letter' as Paper, describe: 'Paper size' })
    .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'Render worker threads (at most twice the CPU cores)' })
    .option('print-file', { type: 'boolean', default: false, describe: `Also write ${printFileName}: every good document in schedule order, one print job` })
    .option('duplex', { type: 'boolean', default: false, describe: 'Start each document of a packet or print file on a front side' })
    .option('replace', { type: 'boolean', default: false, describe: 'Let this schedule replace the run of another schedule in --out, removing its files' })
    .option('progress', { type: 'boolean', describe: 'Progress bar (default: when standard error is a terminal)' }) as unknown as Argv<BatchArgs>;
}

/** Progress on standard error: a bar on a terminal, else one plain line per row (row number and status). Never patient data. */
function reporter(args: BatchArgs) {
  const tty = args.progress ?? Boolean(process.stderr.isTTY);
  let bar: SingleBar | undefined;
  let done = 0;
  let total = 0;
  return {
    start(rows: number, reused: number) {
      total = rows;
      if (tty) {
        bar = new SingleBar({ format: 'rendering [{bar}] {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, stream: process.stderr, etaBuffer: 50 });
        bar.start(rows, 0, { rate: '0' });
      } else {
        const count = rows === 0 ? '0 rows: the schedule holds no visit' : `${rows} row${rows === 1 ? '' : 's'}`;
        process.stderr.write(`${count}${reused > 0 ? `, ${reused} already done in an earlier run` : ''}\n`);
      }
    },
    row(row: ManifestRow, reused: boolean, started: number) {
      done++;
      if (bar) {
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0' });
      } else {
        // Not the file name: it holds the patient's MRN, and these lines end up in logs.
        const what = row.status === 'ok' ? `ok${reused ? ' (kept)' : ''}` : `invalid: ${row.problems.map((p) => p.path).join(', ')}`;
        process.stderr.write(`[${done}/${total}] row ${row.row} ${what}\n`);
      }
    },
    printFile(documents: number) {
      bar?.stop();
      bar = undefined;
      process.stderr.write(`writing ${printFileName}: ${documents} document${documents === 1 ? '' : 's'} in start-time order\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function handler(args: ArgumentsCamelCase<BatchArgs>): Promise<void> {
  const jobs = jobsFor(args.jobs);
  let format: ScheduleFormat;
  let clinic: unknown;
  try {
    format = formatOf(args.schedule, args.format);
    clinic = readJson(args.clinic, 'clinic');
  } catch (error) {
    if (error instanceof CareprintError) throw new UsageError(error.problems.map(formatProblemForUser).join('\n'), { helps: false });
    throw error;
  }
  // Linted here, once; the render workers read the same files and check their hash.
  const registry = await templateSetFor(args.templates, args.clinic, clinic);
  const docs = documentsOption('--doc', args.doc, registry?.documentTypes());
  languageOption(args.lang, registry, languages);
  const progress = reporter(args);
  const started = performance.now();
  let summary;
  try {
    // The run goes in a thread of its own; this one reports progress (see batchThread.ts).
    const { runBatchInThread } = await import('../../batch/batchThread.js');
    summary = await runBatchInThread({
      schedule: args.schedule,
      format,
      clinic,
      outDir: args.out,
      docs,
      ...(registry?.set ? { templates: registry.set } : {}),
      ...(args.lang === 'auto' ? {} : { lang: args.lang }),
      paper: args.paper,
      duplex: args.duplex,
      jobs,
      printFile: args.printFile,
      replace: args.replace,
      onStart: (total, reused) => progress.start(total, reused),
      onRow: (row, reused) => progress.row(row, reused, started),
      onPrintFile: (documents) => progress.printFile(documents),
    });
  } catch (error) {
    progress.stop();
    // The schedule, the clinic or the run directory as a whole cannot be used: nothing was rendered.
    if (error instanceof CareprintError && error.problems.every((p) => p.path.startsWith('schedule') || p.path.startsWith('clinic') || p.path === 'out')) {
      throw new UsageError(error.problems.map(formatProblemForUser).join('\n'), { helps: false });
    }
    throw error;
  }
  progress.stop();
  const { counts, printFile } = summary.manifest;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${counts.ok} of ${counts.rows} rows written to ${args.out} in ${seconds} s (${summary.rendered} rendered, ${summary.reused} kept from an earlier run)${printFile ? `; print file ${printFile}` : ''}\n`);
  if (counts.invalid > 0) {
    process.stderr.write(`${counts.invalid} row${counts.invalid === 1 ? '' : 's'} to fix: see ${errorsName} in ${args.out}; correct ${counts.invalid === 1 ? 'it' : 'them'} in the schedule and run the same command again\n`);
    throw new CommandExit(1);
  }
}
