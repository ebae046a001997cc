import type { Storage } from '../dtype.js';
import type { Conv2dGeometry } from '../kernels/conv.js';
import type { Pool2dGeometry } from '../kernels/pool.js';
import type { Reducer } from '../kernels/reduce.js';
import type { FloatArray } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * What a backend can compute faster than the JS kernels. Every method mirrors a kernel of
 * src/kernels: it writes the op's result into the output buffer the op allocated and
 * returns true, or returns false (having written nothing useful) so the JS kernel runs —
 * for a dtype it does not handle, or work too small to pay for the call.
 */
export interface Accelerator {
  /**
   * Batched C = op(A)·op(B) over broadcast batch dims into `out` (shape `[...batch, M, N]`),
   * op(X) = Xᵀ (of the last two dims) when the flag is set.
   */
  matmul(a: Tensor, b: Tensor, transA: boolean, transB: boolean, out: FloatArray, outShape: readonly number[]): boolean;
  /** y = conv2d(x, w) + b over the geometry (bias optional), into `out` [N, O, outH, outW]. */
  conv2d(x: Tensor, w: Tensor, bias: Tensor | undefined, g: Conv2dGeometry, out: FloatArray): boolean;
  /** dx = the transposed convolution of dy with w (+ bias), into `out` [N, C, inH, inW]. */
  conv2dBackwardInput(dy: Tensor, w: Tensor, bias: Tensor | undefined, g: Conv2dGeometry, out: FloatArray): boolean;
  /** dw[o,c,p,q] = Σ_{n,i,j} dy[n,o,i,j]·x[n,c, i·sH − padTop + p·dH, j·sW − padLeft + q·dW], into `out`. */
  conv2dBackwardWeight(x: Tensor, dy: Tensor, g: Conv2dGeometry, out: FloatArray): boolean;
  /** Max pooling into `out`, with each window's argmax as a flat index h·W + w within its plane. */
  maxPool2d(x: Tensor, g: Pool2dGeometry, out: FloatArray, argmax: Int32Array): boolean;
  /** Average pooling into `out` (divisor counts padding when countIncludePad). */
  avgPool2d(x: Tensor, g: Pool2dGeometry, countIncludePad: boolean, out: FloatArray): boolean;
  /** out = max(0, x), NaN kept. */
  relu(x: Tensor, out: FloatArray): boolean;
  /** out = 0 where x ≤ 0, else dy (x and dy of one shape). */
  reluBackward(dy: Tensor, x: Tensor, out: FloatArray): boolean;
  /** out = ⊕ of x over `dims` (sorted), ⊕ the reducer; `out` holds the kept dims in order. */
  reduce(x: Tensor, dims: readonly number[], reducer: Reducer, out: Storage): boolean;
}
