import type { Problem } from '../errors.js';
import type { FontMetrics } from '../layout/metrics.js';

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Every string in the input that holds a character the embedded fonts cannot print,
 * by its field path, so a name in an unsupported script is refused with a clear
 * error instead of printing as empty boxes.
 */
export function unprintableFields(input: unknown, metrics: FontMetrics, path = ''): Problem[] {
  if (typeof input === 'string') {
    const missing = metrics.unprintable(input.normalize('NFC'));
    if (missing.length === 0) return [];
    return [{ code: 'font_missing_glyph', path: path || '(root)', message: `has characters the embedded fonts cannot print (${missing.map(codePointLabel).join(', ')})`, value: input }];
  }
  if (Array.isArray(input)) return input.flatMap((item, i) => unprintableFields(item, metrics, `${path}[${i}]`));
  if (input && typeof input === 'object') {
    return Object.entries(input).flatMap(([key, value]) => unprintableFields(value, metrics, path ? `${path}.${key}` : key));
  }
  return [];
}
