import { describe, expect, it } from 'vitest';
import { pair } from '../../src/functional/args.js';
import { F, randn } from '../../src/index.js';

describe('pair: per-axis options', () => {
  it('expands a number and passes a pair through', () => {
    expect(pair('op', 'stride', 2, 1)).toEqual([2, 2]);
    expect(pair('op', 'stride', [1, 3], 1)).toEqual([1, 3]);
  });

  it('a value that is neither a number nor [h, w] is a TypeError naming the op and the option', () => {
    const x = randn([1, 1, 4, 4]);
    // @ts-expect-error: the options object is forgotten
    expect(() => F.maxPool2d(x, 2)).toThrow(
      new TypeError('maxPool2d: expected an options object such as { kernelSize: 2 }, got 2'),
    );
    // @ts-expect-error: the options object is forgotten
    expect(() => F.avgPool2d(x, 2)).toThrow(
      /^avgPool2d: expected an options object such as \{ kernelSize: 2 \}, got 2$/,
    );
    // @ts-expect-error: the options object is forgotten
    expect(() => F.maxPool1d(randn([1, 1, 4]), 2)).toThrow(/^maxPool1d: expected an options object/);
    // @ts-expect-error: the options object is forgotten
    expect(() => F.avgPool1d(randn([1, 1, 4]), 2)).toThrow(/^avgPool1d: expected an options object/);
    // @ts-expect-error: kernelSize is missing
    expect(() => F.maxPool2d(x, {})).toThrow(/^maxPool2d: kernelSize must be a number or \[h, w\], got undefined$/);
    // @ts-expect-error: three values for two axes
    expect(() => F.maxPool2d(x, { kernelSize: [2, 2, 2] })).toThrow(
      /kernelSize must be a number or \[h, w\], got \[2, 2, 2\]/,
    );
    // @ts-expect-error: a string
    expect(() => F.conv2d(x, randn([1, 1, 2, 2]), undefined, { stride: '2' })).toThrow(
      /conv2d: stride must be a number or \[h, w\], got "2"/,
    );
  });

  it('numbers out of range stay a RangeError', () => {
    const x = randn([1, 1, 4, 4]);
    expect(() => F.maxPool2d(x, { kernelSize: [2, 0] })).toThrow(
      new RangeError('maxPool2d: kernelSize must be integers ≥ 1, got [2, 0]'),
    );
    expect(() => F.maxPool2d(x, { kernelSize: 2, padding: 1.5 })).toThrow(/padding must be integers ≥ 0, got 1.5/);
  });
});
