import type { Conv2dGeometry } from './conv.js';
import type { FloatArray } from './types.js';

/*
 * im2col / col2im for one image and one channel group.
 *
 * The column matrix has R = cinG·kH·kW rows, indexed r = (c·kH + kh)·kW + kw, and
 * P = outH·outW columns, indexed q = oh·outW + ow:
 *   col[r, q] = x[c, oh·sH − padTop + kh·dH, ow·sW − padLeft + kw·dW]   (0 outside the image)
 * col2im is the adjoint: it scatters (adds) every col[r, q] back onto that input pixel.
 *
 * For each (c, kh, kw) the output columns that read inside the image form a contiguous range [owLo, owHi),
 * computed once per row, so the inner loops carry no bounds tests.
 */

/** First output column `ow` whose input column ow·sW + shift is ≥ 0 (shift = kw·dW − padLeft). */
function firstValidColumn(g: Conv2dGeometry, shift: number): number {
  return shift >= 0 ? 0 : Math.min(Math.ceil(-shift / g.strideW), g.outW);
}

/** One past the last output column `ow` whose input column ow·sW + shift is < inW. */
function endValidColumn(g: Conv2dGeometry, shift: number): number {
  return shift >= g.inW ? 0 : Math.min(Math.ceil((g.inW - shift) / g.strideW), g.outW);
}

/**
 * Writes the column matrix of input channels [c0, c0 + channels) of the image at `xOff`
 * into `col` at `colOff` (R×P, row-major).
 */
export function im2col(
  x: FloatArray,
  xOff: number,
  channels: number,
  g: Conv2dGeometry,
  col: FloatArray,
  colOff: number,
): void {
  const { inH, inW, kH, kW, outH, outW, strideH, strideW, dilationH } = g;
  const plane = inH * inW;
  let dst = colOff;
  for (let c = 0; c < channels; c++) {
    const xc = xOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      const hShift = kh * dilationH - g.padTop;
      for (let kw = 0; kw < kW; kw++) {
        const wShift = kw * g.dilationW - g.padLeft; // iw = ow·sW + wShift
        const owLo = firstValidColumn(g, wShift);
        const owHi = endValidColumn(g, wShift);
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH + hShift;
          if (ih < 0 || ih >= inH || owLo >= owHi) {
            col.fill(0, dst, dst + outW);
            dst += outW;
            continue;
          }
          if (owLo > 0) col.fill(0, dst, dst + owLo);
          const row = xc + ih * inW + wShift;
          if (strideW === 1) {
            for (let ow = owLo; ow < owHi; ow++) col[dst + ow] = x[row + ow] as number;
          } else {
            for (let ow = owLo; ow < owHi; ow++) col[dst + ow] = x[row + ow * strideW] as number;
          }
          if (owHi < outW) col.fill(0, dst + owHi, dst + outW);
          dst += outW;
        }
      }
    }
  }
}

/**
 * Adjoint of {@link im2col}: dx[c, ih, iw] += col[r, q] for every (r, q) that reads that
 * pixel. `dx` must be initialised by the caller (it is accumulated into).
 */
export function col2im(
  col: FloatArray,
  colOff: number,
  channels: number,
  g: Conv2dGeometry,
  dx: FloatArray,
  dxOff: number,
): void {
  const { inH, inW, kH, kW, outH, outW, strideH, strideW, dilationH } = g;
  const plane = inH * inW;
  let src = colOff;
  for (let c = 0; c < channels; c++) {
    const xc = dxOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      const hShift = kh * dilationH - g.padTop;
      for (let kw = 0; kw < kW; kw++) {
        const wShift = kw * g.dilationW - g.padLeft; // iw = ow·sW + wShift
        const owLo = firstValidColumn(g, wShift);
        const owHi = endValidColumn(g, wShift);
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH + hShift;
          if (ih >= 0 && ih < inH) {
            const row = xc + ih * inW + wShift;
            if (strideW === 1) {
              for (let ow = owLo; ow < owHi; ow++) dx[row + ow] = (dx[row + ow] as number) + (col[src + ow] as number);
            } else {
              for (let ow = owLo; ow < owHi; ow++) {
                const i = row + ow * strideW;
                dx[i] = (dx[i] as number) + (col[src + ow] as number);
              }
            }
          }
          src += outW;
        }
      }
    }
  }
}
