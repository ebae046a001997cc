import { describe, expect, it } from 'vitest';
import {
  makeBlobs,
  makeCircles,
  makeGaussianMixture,
  makeGaussianRing,
  makeLinearlySeparable,
  makeMoons,
  makeSpirals,
  makeSwissRoll,
  makeXor,
} from '../../src/data/index.js';
import { Generator } from '../../src/random/generator.js';
import type { Tensor } from '../../src/tensor/tensor.js';

function histogram(y: Tensor, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of y.data) counts[label]! += 1;
  return counts;
}

function rows(x: Tensor): number[][] {
  const dim = x.shape[1]!;
  return Array.from({ length: x.shape[0]! }, (_, i) => Array.from(x.data.subarray(i * dim, (i + 1) * dim)));
}

describe('synthetic sets: shapes, dtypes and seeds', () => {
  const makers = {
    moons: () => makeMoons({ n: 101, noise: 0.1, seed: 3 }),
    circles: () => makeCircles({ n: 101, noise: 0.05, seed: 3 }),
    spirals: () => makeSpirals({ n: 100, arms: 3, seed: 3 }),
    blobs: () => makeBlobs({ n: 100, centers: 4, dim: 3, seed: 3 }),
    xor: () => makeXor({ n: 100, seed: 3 }),
    swissRoll: () => makeSwissRoll({ n: 100, noise: 0.1, seed: 3 }),
    ring: () => makeGaussianRing({ n: 100, seed: 3 }),
  };
  const expected = {
    moons: [[101, 2], 'int32'],
    circles: [[101, 2], 'int32'],
    spirals: [[100, 2], 'int32'],
    blobs: [[100, 3], 'int32'],
    xor: [[100, 2], 'int32'],
    swissRoll: [[100, 3], 'float32'],
    ring: [[100, 2], 'int32'],
  } as const;

  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: x float32 [n, d], y [n], same seed → same set, other seed → other set`, () => {
      const { x, y } = make();
      const [shape, labelType] = expected[name as keyof typeof expected];
      expect(x.shape).toEqual(shape);
      expect(x.dtype).toBe('float32');
      expect(y.shape).toEqual([shape[0]]);
      expect(y.dtype).toBe(labelType);
      const again = make();
      expect(Array.from(again.x.data)).toEqual(Array.from(x.data));
      expect(Array.from(again.y.data)).toEqual(Array.from(y.data));
    });
  }

  it('draws from a passed generator, and from the global one when given neither', () => {
    const a = makeMoons({ n: 20, noise: 0.1, generator: new Generator(9) });
    const b = makeMoons({ n: 20, noise: 0.1, seed: 9 });
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    expect(makeMoons({ n: 20, noise: 0.1 }).x.shape).toEqual([20, 2]);
  });
});

describe('synthetic sets: geometry', () => {
  it('moons without noise lie on the two half circles, ⌊n/2⌋ on the upper one', () => {
    const { x, y } = makeMoons({ n: 11, seed: 0 });
    expect(histogram(y, 2)).toEqual([5, 6]);
    for (const [i, [a, b]] of rows(x).entries()) {
      const [cx, cy] = y.data[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(a! - cx, b! - cy)).toBeCloseTo(1, 5);
      if (y.data[i] === 0) expect(b).toBeGreaterThanOrEqual(-1e-6);
      else expect(b).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('circles without noise lie on radii 1 and factor', () => {
    const { x, y } = makeCircles({ n: 40, factor: 0.5, seed: 0 });
    for (const [i, [a, b]] of rows(x).entries()) expect(Math.hypot(a!, b!)).toBeCloseTo(y.data[i] === 0 ? 1 : 0.5, 5);
  });

  it('spirals deal the points evenly to k arms within the unit disc', () => {
    const { x, y } = makeSpirals({ n: 100, arms: 3, seed: 0 });
    expect(histogram(y, 3)).toEqual([34, 33, 33]);
    for (const [a, b] of rows(x)) expect(Math.hypot(a!, b!)).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('blobs gather around their centres with the given spread', () => {
    const { x, y, centers } = makeBlobs({
      n: 3000,
      centers: [
        [0, 0],
        [10, -5],
      ],
      clusterStd: 0.5,
      seed: 1,
    });
    expect(histogram(y, 2)).toEqual([1500, 1500]);
    const mean = [0, 0, 0, 0];
    for (const [i, [a, b]] of rows(x).entries()) {
      mean[2 * y.data[i]!]! += a! / 1500;
      mean[2 * y.data[i]! + 1]! += b! / 1500;
    }
    expect(mean).toBeAllClose(Array.from(centers.data), { atol: 0.05 });
  });

  it('xor labels are the exclusive or of the corner signs', () => {
    const { x, y } = makeXor({ n: 4, noise: 0, shuffle: false });
    expect(rows(x)).toEqual([
      [-1, -1],
      [-1, 1],
      [1, -1],
      [1, 1],
    ]);
    expect(Array.from(y.data)).toEqual([0, 1, 1, 0]);
  });

  it('swiss roll points sit at (t cos t, h, t sin t) with t in [1.5π, 4.5π)', () => {
    const { x, y } = makeSwissRoll({ n: 50, seed: 2 });
    for (const [i, [a, , c]] of rows(x).entries()) {
      const t = y.data[i]!;
      expect(t).toBeGreaterThanOrEqual(1.5 * Math.PI - 1e-5);
      expect(t).toBeLessThan(4.5 * Math.PI + 1e-5);
      expect([a, c]).toBeAllClose([t * Math.cos(t), t * Math.sin(t)], { atol: 1e-4, rtol: 1e-5 });
    }
  });

  it('the 8-Gaussian ring puts its modes on the circle of the given radius', () => {
    const { x, y, means } = makeGaussianRing({ n: 800, radius: 2, std: 0.02, seed: 4 });
    expect(means.shape).toEqual([8, 2]);
    for (const [a, b] of rows(means)) expect(Math.hypot(a!, b!)).toBeCloseTo(2, 5);
    for (const [i, point] of rows(x).entries()) {
      const k = y.data[i]!;
      expect(Math.hypot(point[0]! - means.data[2 * k]!, point[1]! - means.data[2 * k + 1]!)).toBeLessThan(0.15);
    }
    expect(Math.min(...histogram(y, 8))).toBeGreaterThan(60);
  });

  it('a mixture follows its weights and refuses bad parameters', () => {
    const { y } = makeGaussianMixture({ n: 4000, means: [[0], [5]], weights: [3, 1], std: [1, 2], seed: 5 });
    expect(histogram(y, 2)[0]! / 4000).toBeCloseTo(0.75, 1);
    expect(() => makeGaussianMixture({ means: [[0], [1, 2]] })).toThrow(/mean 1 has 2 coordinates/);
    expect(() => makeGaussianMixture({ means: [[0]], weights: [0] })).toThrow(/positive sum/);
  });

  it('a linearly separable set keeps the margin γ from its separator, labels ±1', () => {
    for (const [dim, margin] of [
      [2, 0.1],
      [10, 0.3],
      [50, 0.05],
    ] as const) {
      const set = makeLinearlySeparable({ n: 500, dim, margin, seed: dim });
      const w = Array.from(set.w.data);
      expect(Math.hypot(...w)).toBeCloseTo(1, 5);
      let smallest = Number.POSITIVE_INFINITY;
      let largest = 0;
      for (const [i, point] of rows(set.x).entries()) {
        const label = set.y.data[i]!;
        expect(Math.abs(label)).toBe(1);
        smallest = Math.min(smallest, label * point.reduce((s, v, d) => s + v * w[d]!, 0));
        largest = Math.max(largest, Math.hypot(...point));
      }
      expect(smallest).toBeGreaterThanOrEqual(margin);
      expect(smallest).toBeCloseTo(set.margin, 6);
      expect(largest).toBeCloseTo(set.radius, 5);
      expect(set.y.dtype).toBe('float32');
    }
    expect(() => makeLinearlySeparable({ margin: 1 })).toThrow(/margin must be in \[0, 1\)/);
  });
});
