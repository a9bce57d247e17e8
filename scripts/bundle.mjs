// Bundles what runs outside the compiled library: the command line and the render
// worker (one file each: a third less start-up time than resolving every module of
// pdf-lib and fontkit), and the front-desk page's script for the browser.
import { build } from 'esbuild';

const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  external: ['piscina'],
  banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
};

await Promise.all([
  build({ ...node, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/bundle/careprint.mjs' }),
  build({ ...node, entryPoints: ['src/pool/worker.ts'], outfile: 'dist/bundle/worker.js' }),
  build({ entryPoints: ['web/app.ts'], outfile: 'dist/web/app.js', bundle: true, format: 'esm', target: ['chrome110', 'safari16', 'firefox115'], minify: true, logLevel: 'warning' }),
]);
