import { gemm } from './gemm.js';
import { col2im, im2col } from './im2col.js';
import type { FloatArray } from './types.js';

/**
 * Everything a 2-D convolution kernel needs to know about its operands, NCHW layout:
 * x [batch, inChannels, inH, inW], w [outChannels, inChannels/groups, kH, kW],
 * y [batch, outChannels, outH, outW].
 */
export interface Conv2dGeometry {
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
  dilationH: number;
  dilationW: number;
  groups: number;
  outH: number;
  outW: number;
}

function checkPositiveInts(what: string, values: readonly number[], min: number): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(`conv2d: ${what} must be integers ≥ ${min}, got [${values.join(', ')}]`);
    }
  }
}

/**
 * Validates a convolution and computes its output size:
 * outH = ⌊(inH + padTop + padBottom − dilationH·(kH − 1) − 1) / strideH⌋ + 1 (likewise outW).
 * Throws a RangeError naming what was expected and what was given.
 */
export function conv2dGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  opts: {
    stride: [number, number];
    padding: [number, number, number, number];
    dilation: [number, number];
    groups: number;
  },
): Conv2dGeometry {
  if (xShape.length !== 4)
    throw new RangeError(`conv2d: input must be 4-D [N, C, H, W], got shape [${xShape.join(', ')}]`);
  if (wShape.length !== 4) {
    throw new RangeError(`conv2d: weight must be 4-D [Cout, Cin/groups, kH, kW], got shape [${wShape.join(', ')}]`);
  }
  const [batch, inChannels, inH, inW] = xShape as [number, number, number, number];
  const [outChannels, cinPerGroup, kH, kW] = wShape as [number, number, number, number];
  const { stride, padding, dilation, groups } = opts;
  checkPositiveInts('input shape', xShape, 0);
  checkPositiveInts('weight shape', wShape, 1);
  checkPositiveInts('stride', stride, 1);
  checkPositiveInts('dilation', dilation, 1);
  checkPositiveInts('padding', padding, 0);
  checkPositiveInts('groups', [groups], 1);
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(
      `conv2d: input channels (${inChannels}) and output channels (${outChannels}) must both be divisible by groups (${groups})`,
    );
  }
  if (cinPerGroup !== inChannels / groups) {
    throw new RangeError(
      `conv2d: weight expects ${cinPerGroup} input channels per group but input has ${inChannels} / ${groups} groups = ${inChannels / groups}`,
    );
  }
  const [strideH, strideW] = stride;
  const [padTop, padLeft, padBottom, padRight] = padding;
  const [dilationH, dilationW] = dilation;
  const outH = Math.floor((inH + padTop + padBottom - dilationH * (kH - 1) - 1) / strideH) + 1;
  const outW = Math.floor((inW + padLeft + padRight - dilationW * (kW - 1) - 1) / strideW) + 1;
  if (outH < 1 || outW < 1) {
    throw new RangeError(
      `conv2d: output size ${outH}×${outW} is too small: padded input ${inH + padTop + padBottom}×${inW + padLeft + padRight} ` +
        `is smaller than the dilated kernel ${dilationH * (kH - 1) + 1}×${dilationW * (kW - 1) + 1}`,
    );
  }
  return {
    batch,
    inChannels,
    inH,
    inW,
    outChannels,
    kH,
    kW,
    strideH,
    strideW,
    padTop,
    padLeft,
    padBottom,
    padRight,
    dilationH,
    dilationW,
    groups,
    outH,
    outW,
  };
}

/** Column buffers (one per dtype), grown on demand and reused across calls. */
let colScratch32 = new Float32Array(0);
let colScratch64 = new Float64Array(0);

function columnBuffer(like: FloatArray, n: number): FloatArray {
  if (like instanceof Float32Array) {
    if (colScratch32.length < n) colScratch32 = new Float32Array(n);
    return colScratch32;
  }
  if (colScratch64.length < n) colScratch64 = new Float64Array(n);
  return colScratch64;
}

/** True when im2col is the identity (1×1 kernel, stride 1, no padding): x itself is the column matrix. */
function isPointwise(g: Conv2dGeometry): boolean {
  return (
    g.kH === 1 &&
    g.kW === 1 &&
    g.strideH === 1 &&
    g.strideW === 1 &&
    g.padTop === 0 &&
    g.padLeft === 0 &&
    g.padBottom === 0 &&
    g.padRight === 0
  );
}

/**
 * Convolution (cross-correlation, as in PyTorch), no bias:
 * y[n, o, i, j] = Σ_{c ∈ group(o), kh, kw} w[o, c, kh, kw] · x[n, c, i·sH − padTop + kh·dH, j·sW − padLeft + kw·dW],
 * computed per image and group as the GEMM Y_g = W_g · im2col(X_g).
 */
export function conv2dForward(x: FloatArray, w: FloatArray, g: Conv2dGeometry, out: FloatArray): void {
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const R = cinG * g.kH * g.kW;
  const P = g.outH * g.outW;
  const inPlane = g.inH * g.inW;
  const direct = isPointwise(g);
  const col = direct ? x : columnBuffer(x, R * P);
  for (let n = 0; n < g.batch; n++) {
    for (let grp = 0; grp < g.groups; grp++) {
      const xOff = (n * g.inChannels + grp * cinG) * inPlane;
      let colOff = xOff;
      if (!direct) {
        im2col(x, xOff, cinG, g, col, 0);
        colOff = 0;
      }
      const yOff = (n * g.outChannels + grp * coutG) * P;
      gemm(false, false, coutG, P, R, 1, w, grp * coutG * R, col, colOff, 0, out, yOff);
    }
  }
}

/**
 * Gradient of the convolution with respect to its input (dx is overwritten):
 * dx = col2im(W_gᵀ · dY_g) per image and group, i.e. the transposed convolution of dy with w.
 */
export function conv2dBackwardInput(dy: FloatArray, w: FloatArray, g: Conv2dGeometry, dx: FloatArray): void {
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const R = cinG * g.kH * g.kW;
  const P = g.outH * g.outW;
  const inPlane = g.inH * g.inW;
  const direct = isPointwise(g);
  if (!direct) dx.fill(0, 0, g.batch * g.inChannels * inPlane);
  const col = direct ? dx : columnBuffer(dx, R * P);
  for (let n = 0; n < g.batch; n++) {
    for (let grp = 0; grp < g.groups; grp++) {
      const dxOff = (n * g.inChannels + grp * cinG) * inPlane;
      const dyOff = (n * g.outChannels + grp * coutG) * P;
      gemm(true, false, R, P, coutG, 1, w, grp * coutG * R, dy, dyOff, 0, col, direct ? dxOff : 0);
      if (!direct) col2im(col, 0, cinG, g, dx, dxOff);
    }
  }
}

/**
 * Gradient of the convolution with respect to its weight (dw is overwritten):
 * dW_g = Σₙ dY_g[n] · im2col(X_g[n])ᵀ, i.e. dw[o, c, kh, kw] = Σ_{n,i,j} dy[n, o, i, j] · x[n, c, i·sH − padTop + kh·dH, j·sW − padLeft + kw·dW].
 */
export function conv2dBackwardWeight(x: FloatArray, dy: FloatArray, g: Conv2dGeometry, dw: FloatArray): void {
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const R = cinG * g.kH * g.kW;
  const P = g.outH * g.outW;
  const inPlane = g.inH * g.inW;
  const direct = isPointwise(g);
  if (g.batch === 0) dw.fill(0, 0, g.outChannels * R);
  const col = direct ? x : columnBuffer(x, R * P);
  for (let n = 0; n < g.batch; n++) {
    for (let grp = 0; grp < g.groups; grp++) {
      const xOff = (n * g.inChannels + grp * cinG) * inPlane;
      let colOff = xOff;
      if (!direct) {
        im2col(x, xOff, cinG, g, col, 0);
        colOff = 0;
      }
      const dyOff = (n * g.outChannels + grp * coutG) * P;
      gemm(false, true, coutG, R, P, 1, dy, dyOff, col, colOff, n === 0 ? 0 : 1, dw, grp * coutG * R);
    }
  }
}
