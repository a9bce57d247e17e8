// Bundles what runs outside the compiled library: the command line and the render
// worker (one file each: a third less start-up time than resolving every module of
// pdf-lib and fontkit), and the front-desk page's script for the browser.
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

// fontkit decompresses Brotli's 120 KB dictionary when it loads (about 90 ms of a render
// worker's start), for WOFF2 fonts only; careprint embeds TrueType fonts. The bundle
// makes that wait for the first WOFF2 font. Each edit must match exactly once, so a
// fontkit that changes fails the build instead of bundling unpatched.
const fontkitEdits = [
  ['\tdictionary.init(BrotliDecompressBuffer);\n', ''],
  [
    '\tvar decompress = decode.BrotliDecompressBuffer;\n',
    '\tvar decompress = function (buffer, outputSize) {\n\t  if (!dictionary.dictionary) dictionary.init(BrotliDecompressBuffer);\n\t  return decode.BrotliDecompressBuffer(buffer, outputSize);\n\t};\n',
  ],
  ...lazyTrieEdits(),
];

// fontkit also inflates four Unicode lookup tables when it loads (about 35 ms of a
// worker's start, and then V8's work optimising the inflate loops): the character
// properties that its text layout reads, and the tables of its Arabic, Indic and
// Universal shapers. careprint's text needs only the first, and only when it learns a
// kerning pair the stored table lacks. Each table is inflated the first time it is read.
function lazyTrieEdits() {
  const tables = [
    ['trie', 'trieData', 'base64DeflatedTrie'],
    ['trie$1', 'trieData$1', 'base64DeflatedTrie$1'],
    ['trie$2', 'trieData$2', 'base64DeflatedTrie$2'],
    ['trie$3', 'trieData$3', 'base64DeflatedTrie$3'],
  ];
  return tables.flatMap(([trie, data, base64]) => [
    [`\tvar ${data} = pako_1.inflate(base64Arraybuffer_2(${base64}));\n`, ''],
    [
      `\tvar ${trie} = new unicodeTrie(${data});\n`,
      `\tvar ${trie} = { get: function (codePoint) {\n` +
        `\t  var loaded = new unicodeTrie(pako_1.inflate(base64Arraybuffer_2(${base64})));\n` +
        `\t  this.get = function (c) { return loaded.get(c); };\n` +
        `\t  return loaded.get(codePoint);\n` +
        `\t} };\n`,
    ],
  ]);
}
const lazyBrotliDictionary = {
  name: 'lazy-brotli-dictionary',
  setup(b) {
    b.onLoad({ filter: /@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.umd\.js$/ }, ({ path }) => {
      let contents = readFileSync(path, 'utf8');
      for (const [from, to] of fontkitEdits) {
        if (contents.split(from).length !== 2) throw new Error(`${path}: expected exactly one ${JSON.stringify(from)}`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};

const node = {
  plugins: [lazyBrotliDictionary],
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
  // what it uses (batch's threads need neither the fonts, pdf-lib nor the server). The
  // batch runs in a thread of its own (src/batch/batchThread.ts), whose entry shares the
  // chunks. Chunks sit beside the entries, at the depth the code's relative URLs expect.
  build({
    ...node,
    entryPoints: { careprint: 'src/cli/bin.ts', 'batch-thread': 'src/batch/batchThreadEntry.ts' },
    outdir: 'dist/bundle',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
  }),
  // The render worker: its code as one CommonJS file, which its entry runs from V8's code
  // cache (src/pool/cachedWorker.ts); the cache is made below, once the code is built.
  build({
    ...node,
    entryPoints: ['src/pool/worker.ts'],
    outfile: 'dist/bundle/worker-code.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__workerCodeUrl' },
    banner: { js: "var __workerCodeUrl=require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({ ...node, entryPoints: { worker: 'src/pool/cachedWorker.ts' }, outdir: 'dist/bundle' }),
  build({ entryPoints: ['web/app.ts'], outfile: 'dist/web/app.js', bundle: true, format: 'esm', target: ['chrome110', 'safari16', 'firefox115'], minify: true, logLevel: 'warning' }),
]);

// The worker's code cache: made by rendering the example visits in a separate process, so
// that it holds every function a render calls.
execFileSync(process.execPath, ['scripts/worker-cache.mjs'], { stdio: 'inherit' });
