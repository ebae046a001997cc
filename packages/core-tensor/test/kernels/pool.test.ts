import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  type Pool2dGeometry,
  pool2dGeometry,
} from '../../src/kernels/pool.js';
import { dot, naiveAvgPool, naiveMaxPool, type PoolCase, seededF64 } from './reference.js';

const CASES: Record<string, PoolCase> = {
  '2×2 stride 2': {
    x: [2, 3, 8, 8],
    kernel: [2, 2],
    stride: [2, 2],
    padding: [0, 0],
    dilation: [1, 1],
    ceilMode: false,
  },
  'odd input, floor': {
    x: [1, 2, 7, 9],
    kernel: [2, 2],
    stride: [2, 2],
    padding: [0, 0],
    dilation: [1, 1],
    ceilMode: false,
  },
  'odd input, ceil': {
    x: [1, 2, 7, 9],
    kernel: [2, 2],
    stride: [2, 2],
    padding: [0, 0],
    dilation: [1, 1],
    ceilMode: true,
  },
  '3×3 stride 2 pad 1': {
    x: [2, 2, 9, 10],
    kernel: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
    dilation: [1, 1],
    ceilMode: false,
  },
  '3×3 stride 2 pad 1 ceil': {
    x: [1, 2, 8, 10],
    kernel: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
    dilation: [1, 1],
    ceilMode: true,
  },
  'ceil drops a window starting in the right padding': {
    x: [1, 1, 5, 5],
    kernel: [2, 2],
    stride: [3, 3],
    padding: [1, 1],
    dilation: [1, 1],
    ceilMode: true,
  },
  'overlapping 3×2 stride 1×2, pad 1×0': {
    x: [1, 2, 6, 7],
    kernel: [3, 2],
    stride: [1, 2],
    padding: [1, 0],
    dilation: [1, 1],
    ceilMode: false,
  },
  'kernel 4 stride 3 pad 2 ceil': {
    x: [2, 1, 10, 11],
    kernel: [4, 4],
    stride: [3, 3],
    padding: [2, 2],
    dilation: [1, 1],
    ceilMode: true,
  },
  '1×1 window stride 2': {
    x: [1, 2, 5, 6],
    kernel: [1, 1],
    stride: [2, 2],
    padding: [0, 0],
    dilation: [1, 1],
    ceilMode: false,
  },
};

const DILATED: Record<string, PoolCase> = {
  'dilation 2': { x: [1, 2, 9, 9], kernel: [3, 3], stride: [1, 1], padding: [1, 1], dilation: [2, 2], ceilMode: false },
  'dilation 2×3, stride 2, ceil': {
    x: [2, 1, 11, 12],
    kernel: [2, 3],
    stride: [2, 2],
    padding: [1, 2],
    dilation: [2, 3],
    ceilMode: true,
  },
};

function geometry(pc: PoolCase): Pool2dGeometry {
  return pool2dGeometry(pc.x, pc);
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

describe('pool2dGeometry', () => {
  it('applies PyTorch ceil-mode rules', () => {
    const base = {
      stride: [2, 2] as [number, number],
      padding: [0, 0] as [number, number],
      dilation: [1, 1] as [number, number],
    };
    expect(pool2dGeometry([1, 1, 7, 7], { ...base, kernel: [2, 2], ceilMode: false }).outH).toBe(3);
    expect(pool2dGeometry([1, 1, 7, 7], { ...base, kernel: [2, 2], ceilMode: true }).outH).toBe(4);
    // torch: F.max_pool2d(x(5×5), 2, stride=3, padding=1, ceil_mode=True) → 2×2 (the third window would start in the right padding)
    const g = pool2dGeometry([1, 1, 5, 5], {
      kernel: [2, 2],
      stride: [3, 3],
      padding: [1, 1],
      dilation: [1, 1],
      ceilMode: true,
    });
    expect([g.outH, g.outW]).toEqual([2, 2]);
  });

  it('rejects padding larger than half the window, and empty outputs', () => {
    const opts = {
      kernel: [2, 2] as [number, number],
      stride: [1, 1] as [number, number],
      dilation: [1, 1] as [number, number],
      ceilMode: false,
    };
    expect(() => pool2dGeometry([1, 1, 5, 5], { ...opts, padding: [2, 0] })).toThrow(/at most half/);
    expect(() => pool2dGeometry([1, 1, 1, 5], { ...opts, kernel: [3, 3], padding: [0, 0] })).toThrow(/too small/);
    expect(() => pool2dGeometry([1, 1, 5], { ...opts, padding: [0, 0] })).toThrow(/4-D/);
  });
});

describe('maxPool2d', () => {
  for (const [name, pc] of Object.entries({ ...CASES, ...DILATED })) {
    it(`forward and argmax match the definition: ${name}`, () => {
      const g = geometry(pc);
      const x = seededF64(size(pc.x), 1);
      const n = pc.x[0] * pc.x[1] * g.outH * g.outW;
      const out = new Float64Array(n);
      const idx = new Int32Array(n);
      maxPool2dForward(x, g, out, idx);
      const ref = naiveMaxPool(x, pc, g.outH, g.outW);
      expect(Array.from(out)).toEqual(ref.y);
      expect(Array.from(idx)).toEqual(ref.idx);
    });

    it(`backward is the adjoint of the (fixed-argmax) forward: ${name}`, () => {
      const g = geometry(pc);
      const x = seededF64(size(pc.x), 2);
      const n = pc.x[0] * pc.x[1] * g.outH * g.outW;
      const out = new Float64Array(n);
      const idx = new Int32Array(n);
      maxPool2dForward(x, g, out, idx);
      const dy = seededF64(n, 3);
      const dx = new Float64Array(x.length).fill(Number.NaN);
      maxPool2dBackward(dy, idx, g, dx);
      // y is linear in x with the argmax fixed: ⟨y, dy⟩ = ⟨x, dx⟩
      expect(dot(x, dx)).toBeCloseTo(dot(out, dy), 12);
    });
  }

  it('ties pick the first maximum; NaN propagates with its index', () => {
    const g = pool2dGeometry([1, 1, 2, 4], {
      kernel: [2, 2],
      stride: [2, 2],
      padding: [0, 0],
      dilation: [1, 1],
      ceilMode: false,
    });
    const x = Float32Array.from([1, 3, 5, Number.NaN, 3, 2, 5, 1]);
    const out = new Float32Array(2);
    const idx = new Int32Array(2);
    maxPool2dForward(x, g, out, idx);
    expect(out[0]).toBe(3);
    expect(idx[0]).toBe(1);
    expect(out[1]).toBeNaN();
    expect(idx[1]).toBe(3);
  });

  it('a padded border never wins over real values (padding is −∞)', () => {
    const g = pool2dGeometry([1, 1, 3, 3], {
      kernel: [3, 3],
      stride: [1, 1],
      padding: [1, 1],
      dilation: [1, 1],
      ceilMode: false,
    });
    const x = new Float64Array(9).fill(-5);
    const out = new Float64Array(9);
    const idx = new Int32Array(9);
    maxPool2dForward(x, g, out, idx);
    expect(Array.from(out)).toEqual(new Array(9).fill(-5));
  });
});

describe('avgPool2d', () => {
  for (const countIncludePad of [true, false]) {
    for (const [name, pc] of Object.entries({ ...CASES, ...DILATED })) {
      it(`forward matches the definition (countIncludePad=${countIncludePad}): ${name}`, () => {
        const g = geometry(pc);
        const x = seededF64(size(pc.x), 4);
        const out = new Float64Array(pc.x[0] * pc.x[1] * g.outH * g.outW);
        avgPool2dForward(x, g, countIncludePad, out);
        expect(out).toBeAllClose(naiveAvgPool(x, pc, g.outH, g.outW, countIncludePad), { rtol: 1e-14, atol: 1e-15 });
      });

      it(`backward is the adjoint (countIncludePad=${countIncludePad}): ${name}`, () => {
        const g = geometry(pc);
        const x = seededF64(size(pc.x), 5);
        const out = new Float64Array(pc.x[0] * pc.x[1] * g.outH * g.outW);
        avgPool2dForward(x, g, countIncludePad, out);
        const dy = seededF64(out.length, 6);
        const dx = new Float64Array(x.length).fill(Number.NaN);
        avgPool2dBackward(dy, g, countIncludePad, dx);
        expect(dot(x, dx)).toBeCloseTo(dot(out, dy), 12);
      });
    }
  }

  it('float32 forward and backward', () => {
    const pc = CASES['3×3 stride 2 pad 1 ceil'] as PoolCase;
    const g = geometry(pc);
    const x64 = seededF64(size(pc.x), 7);
    const out = new Float32Array(pc.x[0] * pc.x[1] * g.outH * g.outW);
    avgPool2dForward(Float32Array.from(x64), g, false, out);
    expect(out).toBeAllClose(naiveAvgPool(Float32Array.from(x64), pc, g.outH, g.outW, false), {
      rtol: 1e-6,
      atol: 1e-7,
    });
    const dx = new Float32Array(x64.length);
    avgPool2dBackward(new Float32Array(out.length).fill(1), g, false, dx);
    // every pixel is covered by at least one window here, so each receives a positive share
    expect(Array.from(dx).every((v) => v > 0)).toBe(true);
  });
});

describe('maxPool2d at NaN, −∞ and ties: both kernels pick as PyTorch', () => {
  // PyTorch's CPU rule: scan the taps in order from −∞; a tap wins if v > best or v is NaN
  const sequentialPick = (taps: readonly number[]): number => {
    let best = Number.NEGATIVE_INFINITY;
    let pick = 0;
    taps.forEach((v, t) => {
      if (v > best || Number.isNaN(v)) {
        best = v;
        pick = t;
      }
    });
    return pick;
  };
  const values = [Number.NaN, Number.NEGATIVE_INFINITY, 1, 2];
  const windows = Array.from({ length: 256 }, (_, k) => [0, 1, 2, 3].map((t) => values[(k >> (2 * t)) & 3]!));

  /** Pool `x` (one plane of shape [h, w]) with `kernel` = stride and check every window's pick; `flatIndex(w, t)` places tap t of window w. */
  function expectPicks(
    x: Float64Array,
    [h, w]: [number, number],
    kernel: [number, number],
    flatIndex: (window: number, tap: number) => number,
  ): void {
    const g = pool2dGeometry([1, 1, h, w], {
      kernel,
      stride: kernel,
      padding: [0, 0],
      dilation: [1, 1],
      ceilMode: false,
    });
    const out = new Float64Array(windows.length);
    const idx = new Int32Array(windows.length);
    maxPool2dForward(x, g, out, idx);
    windows.forEach((taps, window) => {
      const t = sequentialPick(taps);
      expect(idx[window]).toBe(flatIndex(window, t));
      expect(Object.is(out[window], taps[t])).toBe(true);
    });
  }

  it('2×2 stride 2 (the tournament kernel), every window of four special values', () => {
    // the windows side by side: row 0 holds taps a b, row 1 holds c d
    const x = new Float64Array(2 * 512);
    windows.forEach(([a, b, c, d], w) => {
      x.set([a!, b!], 2 * w);
      x.set([c!, d!], 512 + 2 * w);
    });
    expectPicks(x, [2, 512], [2, 2], (w, t) => (t >> 1) * 512 + 2 * w + (t & 1));
  });

  it('1×4 stride 4 (the general kernel), every window of four special values', () => {
    expectPicks(Float64Array.from(windows.flat()), [1, 1024], [1, 4], (w, t) => 4 * w + t);
  });
});
