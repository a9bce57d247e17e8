import { templateSetFor } from '../templateSet.js';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { TokenSet } from '../../server/tokens.js';
import { UsageError } from '../exit.js';
import { readJson } from '../io.js';
import { jobsFor } from '../jobs.js';

interface ServeArgs {
  port: number;
  host?: string;
  clinic: string;
  tokensFile?: string;
  insecureLocal: boolean;
  jobs?: number;
  timeoutMs: number;
  bodyLimit: number;
}

export const command = 'serve';
export const describe = 'Run the HTTP service (JSON and FHIR R4 API) and the front-desk page';

export function builder(yargs: Argv): Argv<ServeArgs> {
  return yargs
    .option('port', { alias: 'p', type: 'number', default: 8080, describe: 'Port to listen on' })
    .option('host', { type: 'string', describe: 'Address to bind (default 0.0.0.0; 127.0.0.1 with --insecure-local)' })
    .option('clinic', { alias: 'c', type: 'string', demandOption: true, describe: 'Clinic JSON file: the clinic this service prints for' })
    .option('tokens-file', { type: 'string', describe: 'File of bearer tokens, one per line (also: CAREPRINT_TOKENS, comma-separated)' })
    .option('insecure-local', { type: 'boolean', default: false, describe: 'Run without tokens, bound to 127.0.0.1 only (a single workstation)' })
    .option('jobs', { alias: 'j', type: 'number', describe: 'Render worker threads (default: CPU cores; at most twice them)' })
    .option('timeout-ms', { type: 'number', default: 10_000, describe: 'A render still running after this gets 503' })
    .option('body-limit', { type: 'number', default: 1024 * 1024, describe: 'Largest request body in bytes' }) as unknown as Argv<ServeArgs>;
}

export async function handler(args: ArgumentsCamelCase<ServeArgs>): Promise<void> {
  // Each command loads what it needs when it runs, so the others start without it.
  const [{ parseClinic }, { loadTokens, TokenSet }] = await Promise.all([import('../../model/parseVisit.js'), import('../../server/tokens.js')]);
  const clinicJson = readJson(args.clinic, 'clinic');
  const clinic = parseClinic(clinicJson);
  // The clinic's template set is linted before the service starts: a set with problems stops it, every problem printed.
  const templates = (await templateSetFor(undefined, args.clinic, clinicJson))?.set;
  let tokens: TokenSet | null;
  try {
    tokens = new TokenSet(loadTokens(process.env.CAREPRINT_TOKENS, args.tokensFile));
  } catch (error) {
    throw new UsageError(`tokens: ${(error as Error).message}`);
  }
  let host = args.host ?? '0.0.0.0';
  if (tokens.size === 0) {
    if (!args.insecureLocal) throw new UsageError('no bearer tokens: set CAREPRINT_TOKENS or --tokens-file, or run on this machine only with --insecure-local');
    if (args.host !== undefined && args.host !== '127.0.0.1') throw new UsageError('--insecure-local binds to 127.0.0.1 only');
    host = '127.0.0.1';
    tokens = null;
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UsageError('--port: expected a port number from 0 to 65535 (0: any free port)');
  if (!Number.isInteger(args.timeoutMs) || args.timeoutMs < 1) throw new UsageError('--timeout-ms: expected a whole number of milliseconds, at least 1');
  if (!Number.isInteger(args.bodyLimit) || args.bodyLimit < 1) throw new UsageError('--body-limit: expected a whole number of bytes, at least 1');
  const jobs = args.jobs === undefined ? undefined : jobsFor(args.jobs);

  // The server, fonts and pool are loaded only by this command.
  const [{ sharedMetrics }, { RenderPool }, { buildServer }] = await Promise.all([import('../../fonts/fontkitMetrics.js'), import('../../pool/renderPool.js'), import('../../server/app.js')]);
  sharedMetrics(); // fonts for /v1/validate, loaded before the first request
  const pool = new RenderPool({
    ...(jobs !== undefined ? { jobs } : {}),
    maxQueue: 256,
    // A worker that stopped while idle is replaced; the log says so, by the error's kind only.
    onPoolError: (kind) => app.log.error({ kind }, 'a render worker failed outside any request'),
  });
  const app = buildServer({ clinic, pool, tokens, renderTimeoutMs: args.timeoutMs, bodyLimit: args.bodyLimit, ...(templates ? { templates } : {}) });
  try {
    await app.listen({ port: args.port, host });
  } catch (error) {
    await pool.destroy();
    throw listenError(error, host, args.port);
  }

  // SIGTERM or SIGINT: stop accepting, let in-flight requests finish, then stop the workers.
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      void app
        .close()
        .then(() => pool.close())
        .catch((error: unknown) => app.log.error({ err: error }, 'shutdown failed'))
        .finally(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** Why the service cannot listen, said as what to do: these are the machine's state, not careprint's failures. */
function listenError(error: unknown, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new UsageError(`--port ${port}: ${host}:${port} is already in use (another careprint serve?); stop it or choose another --port`, { helps: false });
    case 'EACCES':
      return new UsageError(`--port ${port}: this user may not listen on port ${port}; choose one above 1023`, { helps: false });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UsageError(`--host ${host}: not an address of this machine`, { helps: false });
    default:
      return error;
  }
}
