import { hideBin } from 'yargs/helpers';
import { main } from './main.js';

// A program reading standard output that stops early (`careprint schema visit | head -1`)
// is its reader's choice: said in one line, not as an unhandled error with a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stderr.write('careprint: output closed early (the program reading standard output stopped before the end)\n');
  process.exit(1);
});

process.exitCode = await main(hideBin(process.argv));
