import { apply } from '../../autograd/dispatch.js';
import { broadcastShapes, formatShape, sizeOf } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { add, lt, mul, where } from '../binary.js';
import { permute, reshape } from '../shape.js';
import { checkIndexRange, requireIndexTensor, wrapIndex } from './checks.js';
import { indexSelectOp } from './index-select.js';
import { resolveRange, sliceBox } from './slice.js';

/** A Python slice start:stop:step; missing fields take their defaults (0, the end, 1). */
export interface IndexRange {
  start?: number;
  stop?: number;
  step?: number;
}

/**
 * One entry of x[…]: a number selects (and drops the dim), null inserts a new axis of
 * size 1, '...' stands for all the dims not named, a range slices, and an int32 tensor
 * picks entries (advanced indexing).
 */
export type IndexSpec = number | null | '...' | IndexRange | Tensor;

interface TensorIndex {
  /** The dim it indexes, counted after numbers are dropped and new axes inserted. */
  dim: number;
  /** The same dim in x, for error messages. */
  sourceDim: number;
  index: Tensor;
}

/**
 * x[spec₀, spec₁, …] with PyTorch semantics: numbers, ranges and new axes first (one
 * slice and a reshape), then tensor indices. Several tensor indices broadcast together
 * and pick entries pointwise, y[…] = x[i₀[…], i₁[…]]; their result dims replace the
 * indexed dims when those are adjacent, else lead. Negative numbers count from the end.
 */
export function index(x: Tensor, ...specs: IndexSpec[]): Tensor {
  const starts = x.shape.map(() => 0);
  const steps = x.shape.map(() => 1);
  const sizes = [...x.shape];
  const shape: number[] = [];
  const tensorIndices: TensorIndex[] = [];
  let d = 0;
  for (const spec of withoutEllipsis(x, specs)) {
    if (spec === null) {
      shape.push(1);
      continue;
    }
    if (d >= x.ndim)
      throw new RangeError(`index: too many indices for a tensor of ${x.ndim} dims ${formatShape(x.shape)}`);
    const n = x.shape[d]!;
    if (typeof spec === 'number') {
      if (!Number.isInteger(spec)) throw new RangeError(`index: a number index must be an integer, got ${spec}`);
      starts[d] = wrapIndex('index', spec, n, d);
      sizes[d] = 1;
    } else if (spec instanceof Tensor) {
      requireIndexTensor('index', spec);
      tensorIndices.push({ dim: shape.length, sourceDim: d, index: spec });
      shape.push(n);
    } else if (Array.isArray(spec)) {
      throw new TypeError(
        `index: dim ${d} got an array; pick with an int32 tensor (tensor([…], { dtype: 'int32' })) or a number`,
      );
    } else if (typeof spec === 'object') {
      const range = resolveRange('index', n, spec.start, spec.stop, spec.step);
      starts[d] = range.start;
      steps[d] = range.step;
      sizes[d] = range.count;
      shape.push(range.count);
    } else {
      throw new TypeError(
        `index: unsupported index ${String(spec)} (expected a number, null, '...', a range or an int32 tensor)`,
      );
    }
    d++;
  }
  shape.push(...x.shape.slice(d));
  const basic = reshape(sliceBox(x, { starts, steps, sizes }), shape);
  return tensorIndices.length === 0 ? basic : advancedIndex(basic, tensorIndices);
}

/** Replace a single '...' by as many full ranges as there are dims not otherwise named. */
function withoutEllipsis(x: Tensor, specs: readonly IndexSpec[]): IndexSpec[] {
  const at = specs.indexOf('...');
  if (at < 0) return [...specs];
  if (specs.lastIndexOf('...') !== at) throw new RangeError("index: at most one '...' is allowed");
  const named = specs.filter((s) => s !== null && s !== '...').length;
  const fill = Array.from({ length: Math.max(0, x.ndim - named) }, (): IndexSpec => ({}));
  return [...specs.slice(0, at), ...fill, ...specs.slice(at + 1)];
}

/**
 * Pointwise picking by int32 tensors: move the indexed dims together (to the front
 * unless adjacent), merge them into one, and select with the combined flat index
 * Σₖ iₖ·strideₖ, computed with tensor ops so a traced graph keeps the indices as inputs.
 */
function advancedIndex(y: Tensor, tensorIndices: readonly TensorIndex[]): Tensor {
  for (const { dim, sourceDim, index } of tensorIndices) checkIndexRange('index', index, y.shape[dim]!, sourceDim);
  if (tensorIndices.length === 1) {
    const { dim, index } = tensorIndices[0]!;
    const picked = apply(indexSelectOp, [y, reshape(index, [index.size])], { dim });
    return reshape(picked, [...y.shape.slice(0, dim), ...index.shape, ...y.shape.slice(dim + 1)]);
  }
  const dims = tensorIndices.map((t) => t.dim);
  const counts = dims.map((d) => y.shape[d]!);
  const resultShape = tensorIndices.reduce<number[]>((shape, t) => broadcastShapes('index', shape, t.index.shape), []);
  const adjacent = dims.every((d, k) => d === dims[0]! + k);
  const at = adjacent ? dims[0]! : 0;
  const moved = adjacent ? y : permute(y, [...dims, ...y.shape.map((_, d) => d).filter((d) => !dims.includes(d))]);
  const merged = reshape(moved, [...moved.shape.slice(0, at), sizeOf(counts), ...moved.shape.slice(at + dims.length)]);
  const terms = tensorIndices.map(({ index }, k) => {
    const wrapped = where(lt(index, 0), add(index, counts[k]!), index);
    return mul(wrapped, sizeOf(counts.slice(k + 1)));
  });
  const combined = terms.reduce((total, term) => add(total, term));
  const picked = apply(indexSelectOp, [merged, reshape(combined, [combined.size])], { dim: at });
  return reshape(picked, [...merged.shape.slice(0, at), ...resultShape, ...merged.shape.slice(at + 1)]);
}
