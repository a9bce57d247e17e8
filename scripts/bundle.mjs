// Bundles what runs outside the compiled library: the command line and the render
// worker (one file each: a third less start-up time than resolving every module of
// pdf-lib and fontkit), and the front-desk page's script for the browser.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // NO_MINIFY=1 keeps function names, for reading a CPU profile (node --cpu-prof).
  minify: !process.env.NO_MINIFY,
  legalComments: 'linked',
  logLevel: 'warning',
  external: ['piscina'],
  // Aliased so that it cannot clash with a bundled module's own import of createRequire.
  banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
};

// Chunk names carry a content hash: clear the old ones so none is left behind.
rmSync('dist/bundle', { recursive: true, force: true });

await Promise.all([
  // The command line is split at each command's dynamic imports, so a command loads only
  // what it uses (batch's main thread needs neither the fonts, pdf-lib nor the server).
  // Chunks sit beside the entry, at the depth the code's relative URLs expect.
  build({ ...node, entryPoints: { careprint: 'src/cli/bin.ts' }, outdir: 'dist/bundle', splitting: true, outExtension: { '.js': '.mjs' }, chunkNames: 'chunk-[hash]' }),
  build({ ...node, entryPoints: ['src/pool/worker.ts'], outfile: 'dist/bundle/worker.js' }),
  build({ entryPoints: ['web/app.ts'], outfile: 'dist/web/app.js', bundle: true, format: 'esm', target: ['chrome110', 'safari16', 'firefox115'], minify: true, logLevel: 'warning' }),
]);
