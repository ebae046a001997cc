/**
 * Kernels against golden values computed by PyTorch (fixtures/kernels/make.py writes
 * fixtures/kernels/torch-golden.json; the test only reads the JSON).
 */
import { readFileSync } from 'node:fs';
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, conv2dGeometry } from '../../src/kernels/conv.js';
import { gemm } from '../../src/kernels/gemm.js';
import {
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  pool2dGeometry,
} from '../../src/kernels/pool.js';

interface GemmCase {
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  alpha: number;
  beta: number;
  A: number[];
  B: number[];
  C: number[];
  result: number[];
}

interface ConvCase {
  xShape: number[];
  wShape: number[];
  stride: [number, number];
  padding: [number, number, number, number];
  dilation: [number, number];
  groups: number;
  yShape: number[];
  x: number[];
  w: number[];
  y: number[];
  dy: number[];
  dx: number[];
  dw: number[];
}

interface PoolResult {
  y: number[];
  dx: number[];
}

interface PoolCase {
  xShape: number[];
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
  yShape: number[];
  x: number[];
  dy: number[];
  max: PoolResult & { indices: number[] };
  avgIncludePad?: PoolResult;
  avgExcludePad?: PoolResult;
}

interface Golden {
  torch: string;
  gemm: GemmCase[];
  conv: ConvCase[];
  pool: PoolCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('../../fixtures/kernels/torch-golden.json', import.meta.url), 'utf8'),
) as Golden;

const TOL64 = { rtol: 1e-9, atol: 1e-9 };
const TOL32 = { rtol: 1e-4, atol: 1e-4 };
const shapeText = (s: readonly number[]): string => `[${s.join(',')}]`;

describe(`kernels vs PyTorch ${golden.torch}`, () => {
  describe('gemm', () => {
    for (const c of golden.gemm) {
      it(`${c.transA ? 'Aᵀ' : 'A'}·${c.transB ? 'Bᵀ' : 'B'} ${c.M}×${c.N}×${c.K}, α=${c.alpha}, β=${c.beta}`, () => {
        const C = Float64Array.from(c.C);
        gemm(
          c.transA,
          c.transB,
          c.M,
          c.N,
          c.K,
          c.alpha,
          Float64Array.from(c.A),
          0,
          Float64Array.from(c.B),
          0,
          c.beta,
          C,
          0,
        );
        expect(C).toBeAllClose(c.result, TOL64);
      });
    }
  });

  describe('conv2d', () => {
    for (const c of golden.conv) {
      const name = `x${shapeText(c.xShape)} w${shapeText(c.wShape)} stride ${shapeText(c.stride)} pad ${shapeText(c.padding)} dilation ${shapeText(c.dilation)} groups ${c.groups}`;
      const g = conv2dGeometry(c.xShape, c.wShape, c);

      it(`geometry: ${name}`, () => {
        expect([c.xShape[0], c.wShape[0], g.outH, g.outW]).toEqual(c.yShape);
      });

      for (const [dtype, make, tol] of [
        ['float64', (v: number[]) => Float64Array.from(v), TOL64],
        ['float32', (v: number[]) => Float32Array.from(v), TOL32],
      ] as const) {
        it(`forward, backward-input, backward-weight (${dtype}): ${name}`, () => {
          const y = make(new Array(c.y.length).fill(0));
          conv2dForward(make(c.x), make(c.w), g, y);
          expect(y).toBeAllClose(c.y, tol);
          const dx = make(new Array(c.x.length).fill(Number.NaN));
          conv2dBackwardInput(make(c.dy), make(c.w), g, dx);
          expect(dx).toBeAllClose(c.dx, tol);
          const dw = make(new Array(c.w.length).fill(Number.NaN));
          conv2dBackwardWeight(make(c.x), make(c.dy), g, dw);
          expect(dw).toBeAllClose(c.dw, tol);
        });
      }
    }
  });

  describe('pool2d', () => {
    for (const c of golden.pool) {
      const name = `x${shapeText(c.xShape)} kernel ${shapeText(c.kernel)} stride ${shapeText(c.stride)} pad ${shapeText(c.padding)} dilation ${shapeText(c.dilation)}${c.ceilMode ? ' ceil' : ''}`;
      const g = pool2dGeometry(c.xShape, c);
      const x = Float64Array.from(c.x);
      const dy = Float64Array.from(c.dy);

      it(`max pool forward, indices, backward: ${name}`, () => {
        expect([c.xShape[0], c.xShape[1], g.outH, g.outW]).toEqual(c.yShape);
        const y = new Float64Array(c.max.y.length);
        const idx = new Int32Array(y.length);
        maxPool2dForward(x, g, y, idx);
        expect(y).toBeAllClose(c.max.y, TOL64);
        expect(Array.from(idx)).toEqual(c.max.indices);
        const dx = new Float64Array(x.length).fill(Number.NaN);
        maxPool2dBackward(dy, idx, g, dx);
        expect(dx).toBeAllClose(c.max.dx, TOL64);
      });

      for (const [includePad, expected] of [
        [true, c.avgIncludePad],
        [false, c.avgExcludePad],
      ] as const) {
        if (!expected) continue;
        it(`avg pool forward, backward (count_include_pad=${includePad}): ${name}`, () => {
          const y = new Float64Array(expected.y.length);
          avgPool2dForward(x, g, includePad, y);
          expect(y).toBeAllClose(expected.y, TOL64);
          const dx = new Float64Array(x.length).fill(Number.NaN);
          avgPool2dBackward(dy, g, includePad, dx);
          expect(dx).toBeAllClose(expected.dx, TOL64);
        });
      }
    }
  });
});
