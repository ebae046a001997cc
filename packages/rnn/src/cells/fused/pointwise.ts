import type { Tensor } from '@shinkei/core-tensor';
import { AutogradError, DTypeError, ShapeError, zeros } from '@shinkei/core-tensor';
import type { OnnxGraphBuilder } from '@shinkei/core-tensor/custom';

/**
 * The width H and row count of a fused cell call: `pre` [..., blocks·H] holds `blocks` blocks
 * (the gate pre-activations, or the saved activations) for `rows` = ∏ leading dims rows, `state`
 * [..., H] the previous state with the same leading dims and dtype. Throws a ShapeError
 * (DTypeError) naming the op otherwise.
 */
export function cellRows(op: string, pre: Tensor, state: Tensor, blocks: number): { H: number; rows: number } {
  const H = state.shape[state.ndim - 1];
  const lead = pre.shape.slice(0, -1);
  if (
    H === undefined ||
    pre.ndim !== state.ndim ||
    pre.shape[pre.ndim - 1] !== blocks * H ||
    lead.some((n, d) => state.shape[d] !== n)
  )
    throw new ShapeError(
      `${op}: gate pre-activations [${pre.shape.join(',')}] and state [${state.shape.join(',')}] need shapes [..., ${blocks}·H] and [..., H] with the same leading dims`,
    );
  if (pre.dtype !== state.dtype)
    throw new DTypeError(`${op}: gate pre-activations are ${pre.dtype}, the state ${state.dtype}; expected one dtype`);
  return { H, rows: state.size / H };
}

/** A new zero tensor shaped like `like` with its last dim replaced by `width` (same dtype). */
export function withLastDim(like: Tensor, width: number): Tensor {
  return zeros([...like.shape.slice(0, -1), width], { dtype: like.dtype });
}

/** ONNX: x [..., n·H] split along the last axis into n pieces [..., H]. */
export function splitLast(g: OnnxGraphBuilder, x: string, H: number, n: number): string[] {
  return g.node('Split', [x, g.constant(new Array<number>(n).fill(H), 'int64', [n])], { axis: -1 }, n);
}

/** ONNX: the pieces joined along the last axis. */
export function concatLast(g: OnnxGraphBuilder, pieces: readonly string[]): string {
  return g.node('Concat', pieces, { axis: -1 })[0]!;
}

/**
 * ONNX: `term` plus block k of the activations' cotangent (split into `blocks` of H), or
 * `term` alone when the activations got none.
 */
export function onnxActivationCotangents(
  g: OnnxGraphBuilder,
  dActs: string | undefined,
  H: number,
  blocks: number,
): (k: number, term: string) => string {
  if (dActs === undefined) return (_k, term) => term;
  const pieces = splitLast(g, dActs, H, blocks);
  return (k, term) => g.node('Add', [pieces[k]!, term])[0]!;
}

/** ONNX: a small emitter of elementwise nodes (a + b, a·b, 1 − a, σ, tanh, …) on value names. */
export function onnxMath(g: OnnxGraphBuilder, dtype: Tensor['dtype']) {
  let one: string | undefined; // made on first use: an unused initializer makes ONNX Runtime warn
  const node = (op: string, ...inputs: string[]): string => g.node(op, inputs)[0]!;
  return {
    add: (a: string, b: string) => node('Add', a, b),
    sub: (a: string, b: string) => node('Sub', a, b),
    mul: (a: string, b: string) => node('Mul', a, b),
    /** 1 − a */
    oneMinus: (a: string) => node('Sub', (one ??= g.constant([1], dtype, [])), a),
    sigmoid: (a: string) => node('Sigmoid', a),
    tanh: (a: string) => node('Tanh', a),
  };
}

/**
 * The backward rule of a fused backward kernel: it has none, so a second-order gradient
 * through a fused cell (a gradient of a gradient: `gradients(…, { createGraph: true })`
 * differentiated again, `hessianVectorProduct`, `jvp`) throws this AutogradError instead of
 * returning a silent zero. First-order gradients never call it.
 */
export function noDoubleBackward(op: string, cell: string): () => never {
  return () => {
    throw new AutogradError(
      `${op}: double backward through the fused ${cell} cell is not supported (its backward kernel has no derivative of its own); first-order gradients (loss.backward(), gradients without a second differentiation) work`,
    );
  };
}
