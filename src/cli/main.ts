import yargs from 'yargs';

import { CareprintError, errorKind, formatProblemForUser } from '../errors.js';
import * as batch from './commands/batch.js';
import * as packet from './commands/packet.js';
import { CommandExit, UsageError } from './exit.js';
import * as render from './commands/render.js';
import * as schema from './commands/schema.js';
import * as serve from './commands/serve.js';
import * as templates from './commands/templates.js';
import * as validate from './commands/validate.js';


/** yargs reads a lone "-" after an option as an empty string; "--input -" means standard input. */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const prev = out[out.length - 1];
    if (arg === '-' && prev !== undefined && /^--?[A-Za-z][\w-]*$/.test(prev)) out[out.length - 1] = `${prev}=-`;
    else out.push(arg);
  }
  return out;
}

/** Exit codes: 0 done, 1 bad input (every problem listed), 2 usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const cli = yargs(joinDashValues(argv))
    .scriptName('careprint')
    .command(render)
    .command(packet)
    .command(batch)
    .command(validate)
    .command(schema)
    .command(serve)
    .command(templates)
    .demandCommand(1, 'Name a command: render, packet, batch, validate, schema, templates or serve')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof CommandExit) return error.exitCode;
    if (error instanceof UsageError) {
      process.stderr.write(error.helps ? `${error.message}\n\nRun careprint --help for usage.\n` : `${error.message}\n`);
      return 2;
    }
    if (error instanceof CareprintError) {
      for (const problem of error.problems) process.stderr.write(`${formatProblemForUser(problem)}\n`);
      return 1;
    }
    process.stderr.write(`${internalErrorText(error, process.env.CAREPRINT_DEBUG === '1')}\n`);
    return 1;
  }
  return 0;
}

/**
 * An error careprint did not expect. Its message can quote the input (a file name with a
 * record number, a row of a schedule), and this output often goes to a log, so only its
 * kind and code are printed unless CAREPRINT_DEBUG=1 asks for the message and stack.
 */
export function internalErrorText(error: unknown, debug: boolean): string {
  if (debug) return `careprint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  const kind = errorKind(error);
  const code = (error as { code?: unknown } | null)?.code;
  return `careprint: internal error (${kind}${typeof code === 'string' ? ` ${code}` : ''}); run again with CAREPRINT_DEBUG=1 to see its message, which may quote the input`;
}
