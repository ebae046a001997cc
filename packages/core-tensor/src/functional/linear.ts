import { ShapeError } from '../errors.js';
import { add, mul } from '../ops/binary.js';
import { matmul, matmulT } from '../ops/matmul.js';
import { sum } from '../ops/reduce.js';
import { permute, reshape, squeeze, unsqueeze } from '../ops/shape.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectRank } from './args.js';

function expectBias(op: string, bias: Tensor | undefined, outFeatures: number): void {
  if (bias !== undefined && !sameShape(bias.shape, [outFeatures])) {
    throw new ShapeError(`${op}: bias must have shape [${outFeatures}], got ${formatShape(bias.shape)}`);
  }
}

/**
 * Affine map over the last dim, y = x Wᵀ + b, with x [..., in], W [out, in], b [out].
 * W is read transposed in place (no transposed copy).
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  expectRank('linear', weight, ['out', 'in'], 'weight');
  const inFeatures = weight.shape[1]!;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)} must end with ${inFeatures} features for weight ${formatShape(weight.shape)}`,
    );
  }
  expectBias('linear', bias, weight.shape[0]!);
  const product =
    x.ndim === 1 ? squeeze(matmulT(unsqueeze(x, 0), weight, false, true), 0) : matmulT(x, weight, false, true);
  return bias === undefined ? product : add(product, bias);
}

/**
 * Bilinear map yₖ = x₁ᵀ Aₖ x₂ + bₖ with x₁ [..., in1], x₂ [..., in2] (same leading dims),
 * A [out, in1, in2], b [out].
 */
export function bilinear(x1: Tensor, x2: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  expectRank('bilinear', weight, ['out', 'in1', 'in2'], 'weight');
  const [outFeatures, in1, in2] = weight.shape as [number, number, number];
  const lead = x1.shape.slice(0, -1);
  if (
    x1.ndim === 0 ||
    x1.shape[x1.ndim - 1] !== in1 ||
    x2.shape[x2.ndim - 1] !== in2 ||
    !sameShape(lead, x2.shape.slice(0, -1))
  ) {
    throw new ShapeError(
      `bilinear: inputs ${formatShape(x1.shape)} and ${formatShape(x2.shape)} need shapes [..., ${in1}] and [..., ${in2}] with the same leading dims for weight ${formatShape(weight.shape)}`,
    );
  }
  expectBias('bilinear', bias, outFeatures);
  const rows = lead.reduce((p, d) => p * d, 1);
  // A viewed as [in1, out·in2]: one matmul gives x₁ᵀAₖ for every k, then a dot with x₂
  const stacked = reshape(permute(weight, [1, 0, 2]), [in1, outFeatures * in2]);
  const left = reshape(matmul(reshape(x1, [rows, in1]), stacked), [rows, outFeatures, in2]);
  const quadratic = sum(mul(left, reshape(x2, [rows, 1, in2])), 2);
  return reshape(bias === undefined ? quadratic : add(quadratic, bias), [...lead, outFeatures]);
}
