import { ShapeError } from '../errors.js';
import { add, gt, logicalOr, mul, where } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { matmul, matmulT } from '../ops/matmul.js';
import { amax } from '../ops/reduce.js';
import { softmax } from '../ops/softmax.js';
import { logicalNot } from '../ops/unary.js';
import type { Generator } from '../random/generator.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import { dropout } from './dropout.js';

export interface AttentionOptions {
  /**
   * A mask broadcast to the scores [..., L, S]. Boolean: TRUE MEANS "ATTEND" (the query may
   * look at that key), false blocks it — the convention of
   * torch.nn.functional.scaled_dot_product_attention, and the opposite of
   * nn.MultiheadAttention's key_padding_mask. Float: added to the scores (use −∞ to block).
   */
  attnMask?: Tensor;
  /** Causal attention: query i attends to keys j ≤ i only (top-left aligned when L ≠ S). */
  isCausal?: boolean;
  /** Dropout probability on the attention weights (default 0). */
  dropoutP?: number;
  /** The score scale (default 1/√E). */
  scale?: number;
  generator?: Generator;
}

/**
 * Scaled dot-product attention (Vaswani et al.) for q [..., L, E], k [..., S, E],
 * v [..., S, Ev]: softmax(QKᵀ·scale + M)·V with scale = 1/√E. Blocked positions get −∞
 * before the softmax; a query whose every key is blocked gets zero weights and output
 * (as PyTorch's math backend since 2.5), not NaN.
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): Tensor {
  checkShapes(q, k, v);
  const dim = q.shape[q.ndim - 1]!;
  const scores = mul(matmulT(q, k, false, true), options.scale ?? 1 / Math.sqrt(dim));
  const { attnMask, isCausal } = options;
  if (attnMask !== undefined && isCausal)
    throw new RangeError('scaledDotProductAttention: pass either attnMask or isCausal, not both');
  if (attnMask !== undefined && !broadcastsTo(attnMask.shape, scores.shape)) {
    throw new ShapeError(
      `scaledDotProductAttention: attnMask ${formatShape(attnMask.shape)} must broadcast to the scores ${formatShape(scores.shape)}`,
    );
  }
  let weights: Tensor;
  if (isCausal)
    weights = softmax(
      where(causalMask(q.shape[q.ndim - 2]!, k.shape[k.ndim - 2]!), scores, Number.NEGATIVE_INFINITY),
      -1,
    );
  else if (attnMask === undefined) weights = softmax(scores, -1);
  else weights = attnMask.dtype === 'bool' ? maskedSoftmax(scores, attnMask) : additiveMaskedSoftmax(scores, attnMask);
  if (options.dropoutP !== undefined && options.dropoutP > 0) {
    weights = dropout(
      weights,
      options.dropoutP,
      true,
      options.generator === undefined ? {} : { generator: options.generator },
    );
  }
  return matmul(weights, v);
}

function checkShapes(q: Tensor, k: Tensor, v: Tensor): void {
  for (const [name, t] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const) {
    expectFloat('scaledDotProductAttention', t, name);
    if (t.ndim < 2)
      throw new ShapeError(
        `scaledDotProductAttention: ${name} ${formatShape(t.shape)} needs at least 2 dims [..., seq, features]`,
      );
  }
  const e = q.shape[q.ndim - 1];
  const s = k.shape[k.ndim - 2];
  if (k.shape[k.ndim - 1] !== e || v.shape[v.ndim - 2] !== s) {
    throw new ShapeError(
      `scaledDotProductAttention: q ${formatShape(q.shape)}, k ${formatShape(k.shape)}, v ${formatShape(v.shape)} need q [..., L, E], k [..., S, E], v [..., S, Ev]`,
    );
  }
}

/** Whether `shape` broadcasts to `target` without growing it. */
function broadcastsTo(shape: readonly number[], target: readonly number[]): boolean {
  const lead = target.length - shape.length;
  return lead >= 0 && shape.every((d, i) => d === 1 || d === target[lead + i]);
}

/** [L, S] bool: true where key j ≤ query i. */
function causalMask(queries: number, keys: number): Tensor {
  const allowed = new Uint8Array(queries * keys);
  for (let i = 0; i < queries; i++) allowed.fill(1, i * keys, i * keys + Math.min(keys, i + 1));
  return new Tensor(allowed, [queries, keys]);
}

/**
 * softmax over the last dim where `allowed`, −∞ elsewhere; a row with no allowed key gets
 * zero weights instead of 0/0 (its scores are left unmasked, then the row is zeroed).
 */
function maskedSoftmax(scores: Tensor, allowed: Tensor): Tensor {
  const live = gt(amax(cast(allowed, 'float32'), -1, true), 0);
  const masked = where(logicalOr(allowed, logicalNot(live)), scores, Number.NEGATIVE_INFINITY);
  return mul(softmax(masked, -1), live);
}

/** softmax(scores + mask) over the last dim; a row whose mask is all −∞ gets zero weights. */
function additiveMaskedSoftmax(scores: Tensor, mask: Tensor): Tensor {
  const live = gt(amax(mask, -1, true), Number.NEGATIVE_INFINITY);
  return mul(softmax(add(scores, where(live, mask, 0)), -1), live);
}
