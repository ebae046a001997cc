import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  type Conv2dGeometry,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
  conv2dGeometry,
} from '../../src/kernels/conv.js';
import { type ConvCase, dot, naiveConv2d, seededF32, seededF64 } from './reference.js';

const CASES: Record<string, ConvCase> = {
  'plain 3×3': { x: [2, 3, 7, 6], w: [4, 3, 3, 3], stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1 },
  'stride 2, same padding': {
    x: [2, 2, 9, 8],
    w: [3, 2, 3, 3],
    stride: [2, 2],
    padding: [1, 1, 1, 1],
    dilation: [1, 1],
    groups: 1,
  },
  'asymmetric padding and stride': {
    x: [1, 3, 8, 11],
    w: [5, 3, 3, 2],
    stride: [2, 3],
    padding: [2, 0, 1, 3],
    dilation: [1, 1],
    groups: 1,
  },
  'dilation 2×3': {
    x: [2, 2, 10, 12],
    w: [3, 2, 3, 3],
    stride: [1, 2],
    padding: [1, 2, 2, 1],
    dilation: [2, 3],
    groups: 1,
  },
  'groups 2': { x: [2, 4, 6, 7], w: [6, 2, 3, 2], stride: [1, 1], padding: [1, 1, 0, 1], dilation: [1, 1], groups: 2 },
  depthwise: { x: [2, 5, 7, 7], w: [5, 1, 3, 3], stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 5 },
  'depthwise ×2 multiplier, stride 2': {
    x: [1, 3, 9, 9],
    w: [6, 1, 3, 3],
    stride: [2, 2],
    padding: [1, 1, 1, 1],
    dilation: [1, 1],
    groups: 3,
  },
  'pointwise 1×1': {
    x: [2, 6, 4, 5],
    w: [4, 6, 1, 1],
    stride: [1, 1],
    padding: [0, 0, 0, 0],
    dilation: [1, 1],
    groups: 1,
  },
  'pointwise 1×1, groups 3': {
    x: [2, 6, 3, 3],
    w: [9, 2, 1, 1],
    stride: [1, 1],
    padding: [0, 0, 0, 0],
    dilation: [1, 1],
    groups: 3,
  },
  '1×1 stride 2 with padding': {
    x: [1, 2, 5, 5],
    w: [3, 2, 1, 1],
    stride: [2, 2],
    padding: [1, 1, 1, 1],
    dilation: [1, 1],
    groups: 1,
  },
  'kernel larger than input (padding)': {
    x: [1, 1, 2, 3],
    w: [2, 1, 4, 5],
    stride: [1, 1],
    padding: [2, 2, 2, 2],
    dilation: [1, 1],
    groups: 1,
  },
  'single output pixel': {
    x: [3, 2, 5, 5],
    w: [2, 2, 5, 5],
    stride: [1, 1],
    padding: [0, 0, 0, 0],
    dilation: [1, 1],
    groups: 1,
  },
  'big stride skips pixels': {
    x: [1, 2, 9, 9],
    w: [2, 2, 2, 2],
    stride: [4, 3],
    padding: [0, 0, 0, 0],
    dilation: [1, 1],
    groups: 1,
  },
};

function geometry(cs: ConvCase): Conv2dGeometry {
  return conv2dGeometry(cs.x, cs.w, cs);
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

describe('conv2dGeometry', () => {
  it('computes PyTorch output sizes', () => {
    const g = conv2dGeometry([8, 3, 32, 30], [16, 3, 5, 3], {
      stride: [2, 1],
      padding: [2, 1, 1, 0],
      dilation: [1, 2],
      groups: 1,
    });
    expect(g.outH).toBe(Math.floor((32 + 3 - 4 - 1) / 2) + 1);
    expect(g.outW).toBe(Math.floor((30 + 1 - 4 - 1) / 1) + 1);
    expect(g.batch).toBe(8);
  });

  it('rejects bad configurations with a clear RangeError', () => {
    const base = {
      stride: [1, 1] as [number, number],
      padding: [0, 0, 0, 0] as [number, number, number, number],
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    expect(() => conv2dGeometry([1, 1, 2, 2], [1, 1, 3, 3], base)).toThrow(/output size .* too small/);
    expect(() => conv2dGeometry([1, 3, 5, 5], [4, 1, 3, 3], { ...base, groups: 2 })).toThrow(/divisible by groups/);
    expect(() => conv2dGeometry([1, 4, 5, 5], [4, 1, 3, 3], { ...base, groups: 2 })).toThrow(
      /expects 1 input channels per group/,
    );
    expect(() => conv2dGeometry([1, 4, 5, 5], [4, 4, 3, 3], { ...base, stride: [0, 1] })).toThrow(RangeError);
    expect(() => conv2dGeometry([1, 4, 5], [4, 4, 3, 3], base)).toThrow(/4-D/);
  });
});

describe('conv2dForward', () => {
  for (const [name, cs] of Object.entries(CASES)) {
    it(`matches the direct 7-loop definition: ${name}`, () => {
      const g = geometry(cs);
      const x = seededF32(size(cs.x), 1);
      const w = seededF32(size(cs.w), 2);
      const out = new Float32Array(cs.x[0] * cs.w[0] * g.outH * g.outW).fill(Number.NaN);
      conv2dForward(x, w, g, out);
      expect(out).toBeAllClose(naiveConv2d(x, w, cs, g.outH, g.outW), { rtol: 1e-5, atol: 1e-5 });
    });
  }

  it('float64 agrees with the definition to rounding', () => {
    const cs = CASES['dilation 2×3'] as ConvCase;
    const g = geometry(cs);
    const x = seededF64(size(cs.x), 3);
    const w = seededF64(size(cs.w), 4);
    const out = new Float64Array(cs.x[0] * cs.w[0] * g.outH * g.outW);
    conv2dForward(x, w, g, out);
    expect(out).toBeAllClose(naiveConv2d(x, w, cs, g.outH, g.outW), { rtol: 1e-12, atol: 1e-12 });
  });
});

describe('conv2d backward (adjoint identities, float64)', () => {
  // ⟨conv(x, w), dy⟩ = ⟨x, backwardInput(dy, w)⟩ = ⟨w, backwardWeight(x, dy)⟩, since conv is bilinear.
  for (const [name, cs] of Object.entries(CASES)) {
    it(name, () => {
      const g = geometry(cs);
      const x = seededF64(size(cs.x), 5);
      const w = seededF64(size(cs.w), 6);
      const dy = seededF64(cs.x[0] * cs.w[0] * g.outH * g.outW, 7);
      const y = new Float64Array(dy.length);
      conv2dForward(x, w, g, y);
      const dx = new Float64Array(x.length).fill(Number.NaN);
      conv2dBackwardInput(dy, w, g, dx);
      const dw = new Float64Array(w.length).fill(Number.NaN);
      conv2dBackwardWeight(x, dy, g, dw);
      const lhs = dot(y, dy);
      expect(dot(x, dx)).toBeCloseTo(lhs, 10);
      expect(dot(w, dw)).toBeCloseTo(lhs, 10);
    });
  }

  it('backward matches finite differences of the forward pass entry by entry', () => {
    const cs = CASES['asymmetric padding and stride'] as ConvCase;
    const g = geometry(cs);
    const x = seededF64(size(cs.x), 8);
    const w = seededF64(size(cs.w), 9);
    const dy = seededF64(cs.x[0] * cs.w[0] * g.outH * g.outW, 10);
    const loss = (xv: Float64Array, wv: Float64Array): number => {
      const y = new Float64Array(dy.length);
      conv2dForward(xv, wv, g, y);
      return dot(y, dy);
    };
    const dx = new Float64Array(x.length);
    const dw = new Float64Array(w.length);
    conv2dBackwardInput(dy, w, g, dx);
    conv2dBackwardWeight(x, dy, g, dw);
    const h = 1e-6;
    const numeric = (v: Float64Array, i: number, f: () => number): number => {
      const keep = v[i] as number;
      v[i] = keep + h;
      const up = f();
      v[i] = keep - h;
      const down = f();
      v[i] = keep;
      return (up - down) / (2 * h);
    };
    for (let i = 0; i < x.length; i += 7)
      expect(dx[i]).toBeCloseTo(
        numeric(x, i, () => loss(x, w)),
        6,
      );
    for (let i = 0; i < w.length; i += 3)
      expect(dw[i]).toBeCloseTo(
        numeric(w, i, () => loss(x, w)),
        6,
      );
  });

  it('float32 backward agrees with float64', () => {
    const cs = CASES['groups 2'] as ConvCase;
    const g = geometry(cs);
    const x = seededF64(size(cs.x), 11);
    const w = seededF64(size(cs.w), 12);
    const dy = seededF64(cs.x[0] * cs.w[0] * g.outH * g.outW, 13);
    const dx64 = new Float64Array(x.length);
    const dw64 = new Float64Array(w.length);
    conv2dBackwardInput(dy, w, g, dx64);
    conv2dBackwardWeight(x, dy, g, dw64);
    const dx32 = new Float32Array(x.length);
    const dw32 = new Float32Array(w.length);
    conv2dBackwardInput(Float32Array.from(dy), Float32Array.from(w), g, dx32);
    conv2dBackwardWeight(Float32Array.from(x), Float32Array.from(dy), g, dw32);
    expect(dx32).toBeAllClose(dx64, { rtol: 1e-5, atol: 1e-5 });
    expect(dw32).toBeAllClose(dw64, { rtol: 1e-5, atol: 1e-5 });
  });
});
