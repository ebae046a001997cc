import type { Tensor } from '@shinkei/core-tensor';
import { isGradEnabled } from '@shinkei/core-tensor';

/**
 * A zero column [..., B, 1] with the leading dims of a step input x [..., B, I]. It is
 * computed from x (x[..., :1]·0) rather than allocated, so that an exported graph keeps a
 * symbolic batch size. Under autograd x is detached first: the column depends on x only
 * through its shape and must not record a gradient path.
 */
export function zeroColumn(x: Tensor): Tensor {
  const source = isGradEnabled() ? x.detach() : x;
  return source.narrow(-1, 0, 1).mul(0);
}

/** The ones column [..., B, 1] that carries the bias through a fused matmul: [x, h, 1]·[W_ih, W_hh, b]ᵀ. */
export function onesColumn(x: Tensor): Tensor {
  return zeroColumn(x).add(1);
}

/** A zero state [..., B, width] shaped after a step input x [..., B, I] (export-safe, as zeroColumn). */
export function zeroState(x: Tensor, width: number): Tensor {
  const column = zeroColumn(x);
  return column.expand([...column.shape.slice(0, -1), width]);
}
