/**
 * How deep JSON text nests, measured on the text before `JSON.parse`. A visit nests
 * three levels (visit, session, provider); a row or body nested thousands deep is not a
 * visit, and what reads the parsed value (validation, copying it to a worker thread,
 * `JSON.stringify`) recurses and ends in a RangeError that takes down more than that
 * one row or request. The check is a single loop over the characters, so it cannot
 * overflow the stack itself, whatever the depth.
 */

/** The deepest nesting of objects and arrays careprint reads; a visit needs 3. */
export const maxJsonDepth = 64;

/** The reason given for text that nests deeper than `maxJsonDepth`. */
export const jsonDepthReason = `nesting deeper than ${maxJsonDepth} levels`;

/**
 * The deepest nesting of `{` and `[` in `text` (0 for a bare string or number, 1 for
 * `{}`), counting only brackets outside strings. It stops counting as soon as the depth
 * passes `limit`, and returns `limit + 1` then, so it reads no more than it must. Text
 * that is not valid JSON still gets a number; `JSON.parse` says what is wrong with it.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    }
  }
  return deepest;
}

/** Whether `text` nests objects and arrays deeper than `limit` (by default `maxJsonDepth`). */
export function isTooDeep(text: string, limit = maxJsonDepth): boolean {
  return jsonDepth(text, limit) > limit;
}

/**
 * The same depth for a parsed value (as `JSON.parse` gave it), walked with a stack of
 * its own rather than by recursion, and stopping once past `limit`: for one element of
 * a JSON array whose text as a whole nests too deep.
 */
export function valueDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, above] = next;
    if (node === null || typeof node !== 'object') continue;
    const depth = above + 1;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push([child, depth]);
  }
  return deepest;
}
