import { isTooDeep, jsonDepthReason } from '../model/jsonDepth.js';
import { HttpProblem } from './httpProblem.js';

/** Where a body that nests too deep is refused: the whole body, as a zod problem at the root is named. */
const bodyPath = '(root)';

/** The answer for text that nests deeper than the service reads; `where` names the line of a schedule. */
export function tooDeep(where = bodyPath): HttpProblem {
  return new HttpProblem('tooDeep', `the body has ${jsonDepthReason} (objects and arrays within each other); a visit needs 3 and a FHIR Bundle about 10`, {
    problems: [{ code: 'input_invalid', path: where, message: jsonDepthReason }],
  });
}

/**
 * A JSON body as the service reads it, on every JSON route (visits, packets, FHIR
 * Bundles, schedules as a JSON array):
 *
 * - nesting is measured on the text first, so a body thousands of levels deep is
 *   refused (400) before anything recursive (validation, the copy to a render worker,
 *   `JSON.stringify`) could fail on it with a RangeError, answered as an internal error;
 * - `__proto__` and `constructor` are keys like any other, so the contract refuses them
 *   as unknown fields, as the command line does, instead of "not valid JSON".
 *   `JSON.parse` makes every key an own data property of a plain object: it never sets a
 *   prototype, so nothing it returns can pollute `Object.prototype`.
 */
export function parseJsonBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new HttpProblem('badJson', 'the body is empty');
  if (isTooDeep(body)) throw tooDeep();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // The parser's message quotes the body, which can be patient data: it is not passed on.
    throw new HttpProblem('badJson', 'the body could not be parsed as JSON');
  }
}

/**
 * NDJSON (one visit per line), checked line by line for depth before the schedule
 * reader parses it. Returns the text as received.
 */
export function checkNdjsonDepth(text: string): string {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (isTooDeep(text.slice(start, stop))) throw tooDeep(`line ${line}`);
    start = stop + 1;
  }
  return text;
}
