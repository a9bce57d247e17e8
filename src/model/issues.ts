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
  const seen = new Set<string>();
  // A value can fail two checks with the same message (a date that is neither YYYY-MM-DD nor a real day): say it once.
  return issues.map((issue): Problem => {
    const path = dotPath([...(prefix ? [prefix] : []), ...issue.path]) || prefix || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return { code: 'input_invalid', path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
    }
    const value = shownValue((issue as { input?: unknown }).input);
    return { code: 'input_invalid', path, message: issue.message, ...(value !== undefined ? { value } : {}) };
  }).filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
