import type { FloatArray } from './types.js';

/**
 * Everything a 2-D pooling kernel needs, NCHW layout: x [batch, channels, inH, inW],
 * y [batch, channels, outH, outW]. Padding is symmetric (padH on top and bottom, padW on
 * left and right), as in PyTorch.
 */
export interface Pool2dGeometry {
  batch: number;
  channels: number;
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  outH: number;
  outW: number;
}

/**
 * PyTorch's pooling output size along one axis:
 * out = ⌊ or ⌈ (in + 2·pad − dilation·(k − 1) − 1) / stride ⌉ + 1, and with ceil mode the
 * last window must start inside the input or the left padding: if (out − 1)·stride ≥ in + pad, out −= 1.
 */
function pooledSize(size: number, k: number, stride: number, pad: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * pad - dilation * (k - 1) - 1;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

function checkInts(what: string, values: readonly number[], min: number): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`pool2d: ${what} must be integers ≥ ${min}, got [${values.join(', ')}]`);
  }
}

/**
 * Validates a pooling window and computes its output size (see {@link pooledSize}).
 * As in PyTorch, padding may be at most half the (dilated) window.
 */
export function pool2dGeometry(
  xShape: readonly number[],
  opts: {
    kernel: [number, number];
    stride: [number, number];
    padding: [number, number];
    dilation: [number, number];
    ceilMode: boolean;
  },
): Pool2dGeometry {
  if (xShape.length !== 4)
    throw new RangeError(`pool2d: input must be 4-D [N, C, H, W], got shape [${xShape.join(', ')}]`);
  const [batch, channels, inH, inW] = xShape as [number, number, number, number];
  const { kernel, stride, padding, dilation, ceilMode } = opts;
  checkInts('input shape', xShape, 0);
  checkInts('kernel', kernel, 1);
  checkInts('stride', stride, 1);
  checkInts('padding', padding, 0);
  checkInts('dilation', dilation, 1);
  const [kH, kW] = kernel;
  const [strideH, strideW] = stride;
  const [padH, padW] = padding;
  const [dilationH, dilationW] = dilation;
  const effH = dilationH * (kH - 1) + 1;
  const effW = dilationW * (kW - 1) + 1;
  if (2 * padH > effH || 2 * padW > effW) {
    throw new RangeError(
      `pool2d: padding [${padH}, ${padW}] must be at most half the window [${effH}, ${effW}] (PyTorch's rule)`,
    );
  }
  const outH = pooledSize(inH, kH, strideH, padH, dilationH, ceilMode);
  const outW = pooledSize(inW, kW, strideW, padW, dilationW, ceilMode);
  if (outH < 1 || outW < 1) {
    throw new RangeError(
      `pool2d: output size ${outH}×${outW} is too small: padded input ${inH + 2 * padH}×${inW + 2 * padW} is smaller than the window ${effH}×${effW}`,
    );
  }
  return { batch, channels, inH, inW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW };
}

/** First tap t ≥ 0 with start + t·d ≥ 0 (taps before it fall in the leading padding). */
function firstTap(start: number, d: number): number {
  return start >= 0 ? 0 : Math.ceil(-start / d);
}

/** One past the last tap t < k with start + t·d < limit. */
function endTap(start: number, d: number, k: number, limit: number): number {
  return start >= limit ? 0 : Math.min(k, Math.ceil((limit - start) / d));
}

/**
 * Whether tap value v replaces the window's best so far: v > best, or v is NaN (NaN
 * propagates and the last NaN tap wins, exactly as PyTorch's CPU kernel). As a 0/1 number
 * with no branch: on real data the comparison is a coin flip a branch would mispredict.
 */
function takes(v: number, best: number): number {
  return +(v > best) | +Number.isNaN(v);
}

/**
 * Max pooling: y[n, c, i, j] = max over the window's taps inside the image of x[n, c, ih, iw]
 * (padding counts as −∞); argmax records ih·inW + iw, the flat index within the (n, c) plane.
 * Ties keep the first tap in row-major order.
 */
export function maxPool2dForward(x: FloatArray, g: Pool2dGeometry, out: FloatArray, argmax: Int32Array): void {
  if (isPairWindow(g)) maxPool2x2(x, g, out, argmax);
  else maxPoolWindows(x, g, out, argmax);
}

/** The common MaxPool2d(2): 2×2 windows, stride 2, no padding or dilation, all inside the image. */
export function isPairWindow(g: Pool2dGeometry): boolean {
  const pairs = g.kH === 2 && g.kW === 2 && g.strideH === 2 && g.strideW === 2;
  const plain = g.padH === 0 && g.padW === 0 && g.dilationH === 1 && g.dilationW === 1;
  // ceil mode can add a last window that hangs over the edge
  return pairs && plain && 2 * g.outH <= g.inH && 2 * g.outW <= g.inW;
}

/**
 * 2×2 windows as a tournament — (a vs b) and (c vs d), then the two winners — which picks
 * the same tap as the sequential scan (first maximum, else last NaN) with only index arithmetic.
 */
function maxPool2x2(x: FloatArray, g: Pool2dGeometry, out: FloatArray, argmax: Int32Array): void {
  const { inW, outH, outW } = g;
  const planes = g.batch * g.channels;
  const inPlane = g.inH * inW;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let oh = 0; oh < outH; oh++) {
      const row = base + 2 * oh * inW;
      for (let ow = 0; ow < outW; ow++) {
        const a = row + 2 * ow;
        const c = a + inW;
        const top = a + takes(x[a + 1] as number, x[a] as number);
        const bottom = c + takes(x[c + 1] as number, x[c] as number);
        const best = top + takes(x[bottom] as number, x[top] as number) * (bottom - top);
        out[o] = x[best] as number;
        argmax[o] = best - base;
        o++;
      }
    }
  }
}

/** Any window: a sequential scan of the taps inside the image, branch-free per tap. */
function maxPoolWindows(x: FloatArray, g: Pool2dGeometry, out: FloatArray, argmax: Int32Array): void {
  const { inH, inW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const planes = g.batch * g.channels;
  const inPlane = inH * inW;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padH;
      const th0 = firstTap(h0, dilationH);
      const th1 = endTap(h0, dilationH, kH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padW;
        const tw0 = firstTap(w0, dilationW);
        const tw1 = endTap(w0, dilationW, kW, inW);
        // start from the first tap inside the image: the same pick as starting from −∞
        let bestIndex = (h0 + th0 * dilationH) * inW + w0 + tw0 * dilationW;
        let best = x[base + bestIndex] as number;
        for (let th = th0; th < th1; th++) {
          const rowIndex = (h0 + th * dilationH) * inW + w0;
          for (let tw = tw0; tw < tw1; tw++) {
            const index = rowIndex + tw * dilationW;
            bestIndex += takes(x[base + index] as number, best) * (index - bestIndex);
            best = x[base + bestIndex] as number;
          }
        }
        out[o] = best;
        argmax[o] = bestIndex;
        o++;
      }
    }
  }
}

/**
 * Gradient of max pooling: dx is zero-filled, then dx[n, c, argmax] += dy[n, c, i, j] for every
 * output position (overlapping windows that share a maximum accumulate).
 */
export function maxPool2dBackward(dy: FloatArray, argmax: Int32Array, g: Pool2dGeometry, dx: FloatArray): void {
  const planes = g.batch * g.channels;
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  dx.fill(0, 0, planes * inPlane);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let q = 0; q < outPlane; q++, o++) {
      const i = base + (argmax[o] as number);
      dx[i] = (dx[i] as number) + (dy[o] as number);
    }
  }
}

/**
 * Divisor of one average-pooling window, PyTorch's rule: with countIncludePad the taps inside
 * the padded input (in + pad), otherwise only the taps inside the image.
 */
function windowCount(
  h0: number,
  w0: number,
  g: Pool2dGeometry,
  countIncludePad: boolean,
  th0: number,
  th1: number,
  tw0: number,
  tw1: number,
): number {
  if (!countIncludePad) return (th1 - th0) * (tw1 - tw0);
  const rows = endTap(h0, g.dilationH, g.kH, g.inH + g.padH);
  const cols = endTap(w0, g.dilationW, g.kW, g.inW + g.padW);
  return rows * cols;
}

/**
 * Average pooling: y[n, c, i, j] = (1/count)·Σ x[n, c, ih, iw] over the window's taps inside the
 * image, where count includes padded taps (up to in + pad, as in PyTorch) when countIncludePad.
 * PyTorch's avg_pool2d has no dilation; here dilation spaces the taps and the counts follow.
 */
export function avgPool2dForward(x: FloatArray, g: Pool2dGeometry, countIncludePad: boolean, out: FloatArray): void {
  const { inH, inW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const planes = g.batch * g.channels;
  const inPlane = inH * inW;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padH;
      const th0 = firstTap(h0, dilationH);
      const th1 = endTap(h0, dilationH, kH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padW;
        const tw0 = firstTap(w0, dilationW);
        const tw1 = endTap(w0, dilationW, kW, inW);
        let sum = 0;
        for (let th = th0; th < th1; th++) {
          const row = base + (h0 + th * dilationH) * inW + w0;
          for (let tw = tw0; tw < tw1; tw++) sum += x[row + tw * dilationW] as number;
        }
        const count = windowCount(h0, w0, g, countIncludePad, th0, th1, tw0, tw1);
        out[o++] = count > 0 ? sum / count : 0;
      }
    }
  }
}

/**
 * Gradient of average pooling: dx is zero-filled, then every tap of window (i, j) inside the
 * image receives dy[n, c, i, j] / count (the same divisor as the forward pass).
 */
export function avgPool2dBackward(dy: FloatArray, g: Pool2dGeometry, countIncludePad: boolean, dx: FloatArray): void {
  const { inH, inW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const planes = g.batch * g.channels;
  const inPlane = inH * inW;
  dx.fill(0, 0, planes * inPlane);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padH;
      const th0 = firstTap(h0, dilationH);
      const th1 = endTap(h0, dilationH, kH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padW;
        const tw0 = firstTap(w0, dilationW);
        const tw1 = endTap(w0, dilationW, kW, inW);
        const count = windowCount(h0, w0, g, countIncludePad, th0, th1, tw0, tw1);
        const share = count > 0 ? (dy[o] as number) / count : 0;
        o++;
        for (let th = th0; th < th1; th++) {
          const row = base + (h0 + th * dilationH) * inW + w0;
          for (let tw = tw0; tw < tw1; tw++) {
            const i = row + tw * dilationW;
            dx[i] = (dx[i] as number) + share;
          }
        }
      }
    }
  }
}
