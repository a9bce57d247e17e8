import { describe, expect, it } from 'vitest';
import { FontkitMetrics } from '../../src/fonts/fontkitMetrics.js';

describe('FontkitMetrics caches', () => {
  it('shapes a word the same from its cache as fresh, in each style', () => {
    const warm = new FontkitMetrics();
    for (const style of [{ bold: false, italic: false }, { bold: true, italic: false }, { bold: false, italic: true }]) {
      const first = warm.shape('Łukasiewicz-Öztürk', style);
      expect(warm.shape('Łukasiewicz-Öztürk', style)).toEqual(first);
      expect(new FontkitMetrics().shape('Łukasiewicz-Öztürk', style)).toEqual(first);
    }
    expect(warm.shape('Ann', { bold: true, italic: false }).segments[0]?.face).toBe('bold');
    expect(warm.shape('Ann', { bold: false, italic: false }).segments[0]?.face).toBe('regular');
  });

  it('reports unprintable characters the same every time, whatever a caller does with the answer', () => {
    const metrics = new FontkitMetrics();
    const first = metrics.unprintable('Ann 李');
    expect(first).toEqual(['李']);
    first.push('x');
    expect(metrics.unprintable('Ann 李')).toEqual(['李']);
    expect(metrics.unprintable('Ann')).toEqual([]);
  });
});
