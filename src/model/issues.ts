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

/** zod issues as careprint problems, all of them, with dotted paths under `prefix`. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], prefix = ''): Problem[] {
  return issues.map((issue) => {
    const path = dotPath([...(prefix ? [prefix] : []), ...issue.path]) || prefix || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return { code: 'input_invalid', path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
    }
    const value = shownValue((issue as { input?: unknown }).input);
    return { code: 'input_invalid', path, message: issue.message, ...(value !== undefined ? { value } : {}) };
  });
}
