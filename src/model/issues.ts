import type { z } from 'zod';
import type { Problem } from '../errors.js';

function dotPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function shownValue(input: unknown): string | undefined {
  if (typeof input === 'string') return input === '' ? undefined : input;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return undefined;
}

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'number') return 'a number';
  if (typeof input === 'boolean') return 'true or false';
  return typeof input;
}

/**
 * The message of an issue. The schemas word their own for every value a person types;
 * a missing or mistyped group of fields (an object or a list) gets zod's generic
 * "Invalid input: expected object, received undefined", said here plainly instead.
 */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return issue.message;
  const input = (issue as { input?: unknown }).input;
  if (input === undefined) return 'required';
  if (issue.expected === 'object') return `expected a JSON object (fields in braces), not ${kindOf(input)}`;
  if (issue.expected === 'array') return `expected a JSON list (values in brackets), not ${kindOf(input)}`;
  return issue.message;
}

/** zod issues as careprint problems, all of them, with dotted paths under `prefix`. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], prefix = ''): Problem[] {
  const seen = new Set<string>();
  // A value of the wrong type can still fail a length check (text where a list of lines
  // belongs is "too long"): only its type is reported.
  const mistyped = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => dotPath(i.path)));
  // A value can fail two checks with the same message (a date that is neither YYYY-MM-DD nor a real day): say it once.
  return issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(dotPath(issue.path))).map((issue): Problem => {
    const path = dotPath([...(prefix ? [prefix] : []), ...issue.path]) || prefix || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return { code: 'input_invalid', path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
    }
    const value = shownValue((issue as { input?: unknown }).input);
    return { code: 'input_invalid', path, message: messageOf(issue), ...(value !== undefined ? { value } : {}) };
  }).filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
