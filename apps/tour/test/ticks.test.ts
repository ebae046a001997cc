import { describe, expect, it } from 'vitest';
import { linearScale, logScale } from '../src/report/svg/scale.js';
import {
  formatLinearTick,
  formatLogTick,
  linearTicks,
  logCeil,
  logFloor,
  logTicks,
  niceLinearDomain,
  niceLogDomain,
  niceStep,
} from '../src/report/svg/ticks.js';

describe('linear ticks', () => {
  it('picks 1-2-5 steps', () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(37, 5)).toBe(10);
    expect(niceStep(24, 5)).toBe(5);
    expect(niceStep(0.003, 5)).toBe(0.0005);
    expect(niceStep(900, 5)).toBe(200);
    expect(niceStep(7000, 5)).toBe(1000);
  });

  it('gives ticks without floating-point noise', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 0.3)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(linearTicks(-3, 7)).toEqual([-2, 0, 2, 4, 6]);
  });

  it('extends a domain to ticks and widens a degenerate one', () => {
    expect(niceLinearDomain(0.13, 9.7)).toEqual([0, 10]);
    expect(niceLinearDomain(-0.7, 0.45)).toEqual([-0.8, 0.6]);
    expect(niceLinearDomain(5, 5)).toEqual([4.4, 5.6]);
    expect(niceLinearDomain(0, 0)).toEqual([-1, 1]);
  });

  it('formats ticks with the decimals the step needs', () => {
    expect(formatLinearTick(0.2, 0.2)).toBe('0.2');
    expect(formatLinearTick(1, 0.2)).toBe('1.0');
    expect(formatLinearTick(0.15, 0.05)).toBe('0.15');
    expect(formatLinearTick(400, 200)).toBe('400');
    expect(formatLinearTick(200000, 100000)).toBe('2e5');
    expect(formatLinearTick(0, 0.1)).toBe('0');
  });

  it('maps the domain onto the range', () => {
    const x = linearScale([0.13, 9.7], [100, 600]);
    expect(x.domain).toEqual([0, 10]);
    expect(x.map(0)).toBe(100);
    expect(x.map(10)).toBe(600);
    expect(x.map(5)).toBe(350);
  });

  it('ignores non-finite values when fitting', () => {
    const y = linearScale([Number.NaN, 1, 2, Number.POSITIVE_INFINITY], [0, 1]);
    expect(y.domain).toEqual([1, 2]);
    expect(y.accepts(Number.NaN)).toBe(false);
  });
});

describe('log axes', () => {
  it('rounds to 1-2-5 values', () => {
    expect(logFloor(3)).toBe(2);
    expect(logFloor(1000)).toBe(1000);
    expect(logFloor(0.0007)).toBe(0.0005);
    expect(logCeil(3)).toBe(5);
    expect(logCeil(1000)).toBe(1000);
    expect(logCeil(0.12)).toBe(0.2);
    expect(niceLogDomain(0.12, 0.16)).toEqual([0.1, 0.2]);
    expect(niceLogDomain(3, 3000)).toEqual([2, 5000]);
    expect(niceLogDomain(1, 1)).toEqual([0.5, 2]);
  });

  it('puts majors on powers of ten over many decades, with minor ticks between', () => {
    const { major, minor } = logTicks(1e-3, 1e3);
    expect(major).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    expect(minor).toContain(0.002);
    expect(minor).toContain(500);
    expect(minor).not.toContain(2000);
  });

  it('puts majors on 1-2-5 values over few decades', () => {
    expect(logTicks(0.1, 5).major).toEqual([0.1, 0.2, 0.5, 1, 2, 5]);
    expect(logTicks(0.1, 5).minor).toContain(0.3);
  });

  it('thins labels over very many decades', () => {
    const { major } = logTicks(1e-12, 1e12);
    expect(major.length).toBeLessThanOrEqual(13);
    expect(major).toContain(1);
  });

  it('maps geometrically and rejects values ≤ 0', () => {
    const y = logScale([1, 100, 0, -5, Number.NaN], [0, 200]);
    expect(y.domain).toEqual([1, 100]);
    expect(y.map(10)).toBeCloseTo(100, 9);
    expect(y.accepts(0)).toBe(false);
    expect(y.accepts(-1)).toBe(false);
    expect(y.accepts(1e-9)).toBe(true);
  });

  it('formats log ticks plainly in the middle and as exponents at the ends', () => {
    expect(formatLogTick(0.001)).toBe('0.001');
    expect(formatLogTick(100)).toBe('100');
    expect(formatLogTick(1e-6)).toBe('1e-6');
    expect(formatLogTick(2e7)).toBe('2e7');
  });

  it('refuses bounds that are not positive', () => {
    expect(() => niceLogDomain(0, 1)).toThrow(/positive/);
    expect(() => logTicks(1, 1)).toThrow(/0 < min < max/);
  });
});
