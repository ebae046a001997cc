/**
 * Naive reference implementations and seeded data for the kernel tests. Written for
 * obviousness, not speed: each is the textbook formula as nested loops, in float64.
 */
import type { FloatArray } from '../../src/kernels/types.js';

/** Deterministic uniform values in [-1, 1) from a 32-bit LCG. */
export function seededValues(n: number, seed: number): number[] {
  const out: number[] = new Array(n);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export function seededF32(n: number, seed: number): Float32Array {
  return Float32Array.from(seededValues(n, seed));
}

export function seededF64(n: number, seed: number): Float64Array {
  return Float64Array.from(seededValues(n, seed));
}

/** ⟨a, b⟩ in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** C = α·op(A)·op(B) + β·C by the definition, in float64 (C at offset cOff, row-major M×N). */
export function naiveGemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: ArrayLike<number>,
  aOff: number,
  B: ArrayLike<number>,
  bOff: number,
  beta: number,
  C: Float64Array,
  cOff: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = A[aOff + (transA ? k * M + i : i * K + k)] as number;
        const b = B[bOff + (transB ? j * K + k : k * N + j)] as number;
        s += a * b;
      }
      const c = cOff + i * N + j;
      C[c] = alpha * s + (beta === 0 ? 0 : beta * (C[c] as number));
    }
  }
}

export interface ConvCase {
  x: [number, number, number, number];
  w: [number, number, number, number];
  stride: [number, number];
  padding: [number, number, number, number];
  dilation: [number, number];
  groups: number;
}

/** Direct 7-loop convolution y[n,o,i,j] = Σ_{c,kh,kw} w[o,c,kh,kw]·x[n, g·cinG + c, i·sH − pT + kh·dH, j·sW − pL + kw·dW]. */
export function naiveConv2d(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  cs: ConvCase,
  outH: number,
  outW: number,
): Float64Array {
  const [N, C, H, W] = cs.x;
  const [O, cinG, kH, kW] = cs.w;
  const coutG = O / cs.groups;
  const y = new Float64Array(N * O * outH * outW);
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const grp = Math.floor(o / coutG);
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          let s = 0;
          for (let c = 0; c < cinG; c++) {
            for (let kh = 0; kh < kH; kh++) {
              for (let kw = 0; kw < kW; kw++) {
                const ih = i * cs.stride[0] - cs.padding[0] + kh * cs.dilation[0];
                const iw = j * cs.stride[1] - cs.padding[1] + kw * cs.dilation[1];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const xc = grp * cinG + c;
                s +=
                  (x[((n * C + xc) * H + ih) * W + iw] as number) * (w[((o * cinG + c) * kH + kh) * kW + kw] as number);
              }
            }
          }
          y[((n * O + o) * outH + i) * outW + j] = s;
        }
      }
    }
  }
  return y;
}

export interface PoolCase {
  x: [number, number, number, number];
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

/** Window taps of output (i, j): every (ih, iw) of the dilated window, inside the image or not. */
function windowTaps(pc: PoolCase, i: number, j: number): [number, number][] {
  const taps: [number, number][] = [];
  for (let kh = 0; kh < pc.kernel[0]; kh++) {
    for (let kw = 0; kw < pc.kernel[1]; kw++) {
      taps.push([
        i * pc.stride[0] - pc.padding[0] + kh * pc.dilation[0],
        j * pc.stride[1] - pc.padding[1] + kw * pc.dilation[1],
      ]);
    }
  }
  return taps;
}

/** Max pooling by definition (padding is −∞); returns values and first-max flat indices. */
export function naiveMaxPool(
  x: ArrayLike<number>,
  pc: PoolCase,
  outH: number,
  outW: number,
): { y: number[]; idx: number[] } {
  const [N, C, H, W] = pc.x;
  const y: number[] = [];
  const idx: number[] = [];
  for (let p = 0; p < N * C; p++) {
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        let best = Number.NEGATIVE_INFINITY;
        let bestIdx = -1;
        for (const [ih, iw] of windowTaps(pc, i, j)) {
          if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
          const v = x[p * H * W + ih * W + iw] as number;
          if (bestIdx < 0 || v > best) {
            best = v;
            bestIdx = ih * W + iw;
          }
        }
        y.push(best);
        idx.push(bestIdx);
      }
    }
  }
  return { y, idx };
}

/**
 * Average pooling by definition, PyTorch's divisor: with countIncludePad, taps with
 * ih < H + padH and iw < W + padW (the padded image); otherwise only taps inside the image.
 */
export function naiveAvgPool(
  x: ArrayLike<number>,
  pc: PoolCase,
  outH: number,
  outW: number,
  countIncludePad: boolean,
): number[] {
  const [N, C, H, W] = pc.x;
  const y: number[] = [];
  for (let p = 0; p < N * C; p++) {
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        let s = 0;
        let inside = 0;
        let padded = 0;
        for (const [ih, iw] of windowTaps(pc, i, j)) {
          if (ih < H + pc.padding[0] && iw < W + pc.padding[1]) padded++;
          if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
          s += x[p * H * W + ih * W + iw] as number;
          inside++;
        }
        const count = countIncludePad ? padded : inside;
        y.push(inside === 0 ? 0 : s / count);
      }
    }
  }
  return y;
}

export function toF64(a: FloatArray): Float64Array {
  return Float64Array.from(a);
}
