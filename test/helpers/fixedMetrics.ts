import type { FontMetrics, ShapedText, TextStyle } from '../../src/layout/metrics.js';

/**
 * Fixed-width metrics for layout tests: every character is 500/1000 em wide (600
 * in bold), glyph id = code point. A character listed in `missing` cannot be printed.
 */
export function fixedMetrics(missing = ''): FontMetrics {
  return {
    ascent: 800,
    descent: 200,
    unprintable: (text) => [...new Set([...text].filter((ch) => missing.includes(ch)))],
    shape(text: string, style: TextStyle): ShapedText {
      const cps = [...text].map((ch) => ch.codePointAt(0) ?? 0);
      const advance = style.bold ? 600 : 500;
      const advances = cps.map(() => advance);
      const face = style.bold ? 'bold' : style.italic ? 'italic' : 'regular';
      return { segments: [{ face, glyphIds: cps, advances, codePoints: cps, width: advance * cps.length }], width: advance * cps.length };
    },
  };
}
