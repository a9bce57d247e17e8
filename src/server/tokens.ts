import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Bearer tokens, kept as SHA-256 digests and compared in constant time. */
export class TokenSet {
  readonly #digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    const clean = tokens.map((t) => t.trim()).filter((t) => t !== '');
    const short = clean.find((t) => t.length < 16);
    if (short !== undefined) throw new Error('every token must be at least 16 characters long');
    this.#digests = clean.map(digest);
  }

  get size(): number {
    return this.#digests.length;
  }

  /** Checks an Authorization header value ("Bearer <token>"). */
  accepts(authorization: string | undefined): boolean {
    const match = authorization ? /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization) : null;
    if (!match) return false;
    const given = digest(match[1] as string);
    let ok = false;
    for (const d of this.#digests) ok = timingSafeEqual(d, given) || ok;
    return ok;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Tokens from CAREPRINT_TOKENS (comma-separated) and from a file (one per line, # for
 * comments), both optional.
 */
export function loadTokens(env: string | undefined, file: string | undefined): string[] {
  const fromEnv = (env ?? '').split(',');
  const fromFile = file ? readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => !line.trimStart().startsWith('#')) : [];
  return [...fromEnv, ...fromFile].map((t) => t.trim()).filter((t) => t !== '');
}
