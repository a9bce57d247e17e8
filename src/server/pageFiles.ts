import { readFileSync } from 'node:fs';

// Two levels up from src/server/, dist/server/ and dist/bundle/ alike: the package root.
const webDir = new URL('../../web/', import.meta.url);
const builtDir = new URL('../../dist/web/', import.meta.url);

export interface PageFile {
  readonly body: Buffer;
  readonly type: string;
}

function load(url: URL): Buffer {
  try {
    return readFileSync(url);
  } catch {
    throw new Error(`the front-desk page is not built (${url.pathname.split('/').slice(-2).join('/')}); run npm run build`);
  }
}

/** The front-desk page's files by route: the HTML and CSS as written, the script as built. */
export function pageFiles(): Readonly<Record<string, PageFile>> {
  return {
    '/': { body: load(new URL('index.html', webDir)), type: 'text/html; charset=utf-8' },
    '/style.css': { body: load(new URL('style.css', webDir)), type: 'text/css; charset=utf-8' },
    '/app.js': { body: load(new URL('app.js', builtDir)), type: 'text/javascript; charset=utf-8' },
  };
}
