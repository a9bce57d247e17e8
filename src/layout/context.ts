import type { FontMetrics } from './metrics.js';
import type { LayoutOptions } from './types.js';

/** What every block layouter gets: fonts, the width to fill, options, and the field names used so far. */
export interface LayoutContext {
  readonly metrics: FontMetrics;
  readonly widthPt: number;
  readonly options: LayoutOptions;
  readonly fieldNames: Set<string>;
}

export function withWidth(ctx: LayoutContext, widthPt: number): LayoutContext {
  return { ...ctx, widthPt };
}
