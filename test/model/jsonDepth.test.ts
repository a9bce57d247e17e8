import { describe, expect, it } from 'vitest';
import { isTooDeep, jsonDepth, jsonDepthReason, maxJsonDepth, valueDepth } from '../../src/model/jsonDepth.js';

describe('jsonDepth', () => {
  it('counts nested objects and arrays', () => {
    expect(jsonDepth('"text"')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":[]}],"c":{}}')).toBe(4);
    expect(jsonDepth('{"session":{"provider":{"name":"P"}}}')).toBe(3);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"say \\"[[[\\" here"}')).toBe(1);
    expect(jsonDepth('{"a":"ends in a backslash \\\\","b":[[]]}')).toBe(3);
  });

  it('measures 100,000 levels without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonDepth(deep, maxJsonDepth)).toBe(maxJsonDepth + 1);
  });

  it('draws the line at maxJsonDepth levels and says so', () => {
    const nest = (n: number): string => '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
    expect(jsonDepth(nest(maxJsonDepth))).toBe(maxJsonDepth);
    expect(isTooDeep(nest(maxJsonDepth))).toBe(false);
    expect(isTooDeep(nest(maxJsonDepth + 1))).toBe(true);
    expect(jsonDepthReason).toBe('nesting deeper than 64 levels');
  });

  it('measures a parsed value the same way, also 100,000 levels deep', () => {
    for (const text of ['"text"', '{}', '{"a":[1,{"b":[]}],"c":{}}', '[[],[[[]]],{}]']) expect(valueDepth(JSON.parse(text))).toBe(jsonDepth(text));
    const deep: unknown = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(valueDepth(deep)).toBe(100_000);
    expect(valueDepth(deep, maxJsonDepth)).toBe(maxJsonDepth + 1);
  });
});
