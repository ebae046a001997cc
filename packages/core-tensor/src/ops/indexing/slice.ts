import { apply } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { int64Constant } from '../../onnx/lowering.js';
import type { Shape } from '../../shape.js';
import { sameShape, sizeOf } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import type { AxisMaps } from './axis-maps.js';
import { gatherAxes, scatterAxes } from './axis-maps.js';
import { gatherBox, scatterBox } from './box-runs.js';
import { dimOf } from './checks.js';

/** A strided box in every dim: coordinate o of dim d comes from starts[d] + o·steps[d], for o < sizes[d]. */
export interface SliceAttrs {
  readonly starts: readonly number[];
  readonly steps: readonly number[];
  readonly sizes: readonly number[];
}

function sliceMaps({ starts, steps, sizes }: SliceAttrs): AxisMaps {
  return sizes.map((n, d) => Int32Array.from({ length: n }, (_, o) => starts[d]! + o * steps[d]!));
}

/** Contiguous boxes (every step 1, the common case) copy as runs without per-coordinate index maps. */
const unitSteps = (steps: readonly number[]): boolean => steps.every((k) => k === 1);

/** y = x[s₀ : s₀+n₀·k₀ : k₀, …] in every dim at once. Gradient: dy placed back into zeros (sliceScatter). */
export const sliceOp: OpDef<SliceAttrs> = defineOp<SliceAttrs>({
  name: 'slice',
  forward: ([x], attrs) => {
    const out = allocate(x!.dtype, sizeOf(attrs.sizes));
    if (unitSteps(attrs.steps)) gatherBox(x!.data, x!.shape, attrs.starts, attrs.sizes, out);
    else gatherAxes(x!.data, x!.shape, sliceMaps(attrs), 0, out);
    return new Tensor(out, attrs.sizes);
  },
  backward: ({ inputs: [x], attrs }, dy) => [
    apply(sliceScatterOp, [dy], { shape: x!.shape, starts: attrs.starts, steps: attrs.steps }),
  ],
  onnx: (g, [x], { starts, steps, sizes }, info) => {
    const input = info.inputShapes[0]!;
    const axes = sizes.map((_, d) => d).filter((d) => starts[d] !== 0 || steps[d] !== 1 || sizes[d] !== input[d]);
    if (axes.length === 0) return g.node('Identity', [x!])[0]!;
    const ends = axes.map((d) => (sizes[d] === 0 ? starts[d]! : starts[d]! + (sizes[d]! - 1) * steps[d]! + 1));
    const pick = (values: readonly number[]): string =>
      int64Constant(
        g,
        axes.map((d) => values[d]!),
      );
    return g.node('Slice', [x!, pick(starts), int64Constant(g, ends), int64Constant(g, axes), pick(steps)])[0]!;
  },
});

interface SliceScatterAttrs {
  readonly shape: Shape;
  readonly starts: readonly number[];
  readonly steps: readonly number[];
}

/**
 * The adjoint of slice: zeros of `shape` with src written into the strided box
 * (out[s + o·k] = src[o]). Gradient: slice of dy, so slice ↔ sliceScatter differentiate
 * into each other to any order.
 */
export const sliceScatterOp: OpDef<SliceScatterAttrs> = defineOp<SliceScatterAttrs>({
  name: 'sliceScatter',
  forward: ([src], { shape, starts, steps }) => {
    const out = allocate(src!.dtype, sizeOf(shape));
    if (unitSteps(steps)) scatterBox(src!.data, shape, starts, src!.shape, out);
    else scatterAxes(src!.data, sliceMaps({ starts, steps, sizes: src!.shape }), shape, out);
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [src], attrs: { starts, steps } }, dy) => [
    apply(sliceOp, [dy], { starts, steps, sizes: src!.shape }),
  ],
  onnx: (g, [src], { shape, starts, steps }, info) => {
    // spread each strided dim k-fold (Unsqueeze, zero-Pad k − 1 after every entry, merge),
    // then one Pad puts the box in place; dims before the spread one are copied (0) so a
    // dynamic batch passes through
    const zero = g.constant([0], info.outputDType, []);
    const sizes = [...info.inputShapes[0]!];
    let spread = src!;
    steps.forEach((k, d) => {
      if (k === 1) return;
      const column = g.node('Unsqueeze', [spread, int64Constant(g, [d + 1])])[0]!;
      const rank = sizes.length + 1;
      const gaps = Array.from({ length: 2 * rank }, (_, i) => (i === rank + d + 1 ? k - 1 : 0));
      const padded = g.node('Pad', [column, int64Constant(g, gaps), zero], { mode: 'constant' })[0]!;
      sizes[d] = sizes[d]! * k;
      spread = g.node('Reshape', [
        padded,
        int64Constant(
          g,
          sizes.map((n, i) => (i < d ? 0 : n)),
        ),
      ])[0]!;
    });
    const pads = [...starts, ...shape.map((n, d) => n - starts[d]! - sizes[d]!)];
    return g.node('Pad', [spread, int64Constant(g, pads), zero], { mode: 'constant' })[0]!;
  },
});

/** Run the slice primitive on a full-rank box, skipping it when the box is the whole tensor. */
export function sliceBox(x: Tensor, attrs: SliceAttrs): Tensor {
  const whole =
    sameShape(attrs.sizes, x.shape) && attrs.starts.every((s) => s === 0) && attrs.steps.every((k) => k === 1);
  return whole ? x : apply(sliceOp, [x], attrs);
}

/** The box that keeps every dim whole except `dim`, which runs start, start+step, … (count entries). */
export function boxAlong(x: Tensor, dim: number, start: number, count: number, step = 1): SliceAttrs {
  return {
    starts: x.shape.map((_, d) => (d === dim ? start : 0)),
    steps: x.shape.map((_, d) => (d === dim ? step : 1)),
    sizes: x.shape.map((n, d) => (d === dim ? count : n)),
  };
}

/** A Python slice start:stop:step resolved against a dim of `size`: its first index and length. */
export interface ResolvedRange {
  start: number;
  count: number;
  step: number;
}

/**
 * Resolve start:stop:step like Python: negative bounds count from the end, bounds clamp
 * to 0 … size, an empty range has count 0. Steps must be positive, as in PyTorch (use flip to reverse).
 */
export function resolveRange(
  op: string,
  size: number,
  start: number | undefined,
  stop: number | undefined,
  step: number | undefined,
): ResolvedRange {
  const k = step ?? 1;
  if (!Number.isInteger(k) || k <= 0)
    throw new RangeError(`${op}: step must be a positive integer, got ${k} (use flip to reverse)`);
  for (const bound of [start, stop]) {
    if (bound !== undefined && !Number.isInteger(bound))
      throw new RangeError(`${op}: slice bounds must be integers, got ${bound}`);
  }
  const clampBound = (b: number): number => Math.min(size, Math.max(0, b < 0 ? b + size : b));
  const first = start === undefined ? 0 : clampBound(start);
  const last = stop === undefined ? size : clampBound(stop);
  return { start: first, count: last > first ? Math.ceil((last - first) / k) : 0, step: k };
}

/**
 * x[..., start:end:step, ...] along `dim` (Python slice semantics: negative bounds count
 * from the end and bounds clamp; step > 0). y[…, i, …] = x[…, start + i·step, …].
 */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  const d = dimOf('slice', x, dim);
  const range = resolveRange('slice', x.shape[d]!, start, end, step);
  return sliceBox(x, boxAlong(x, d, range.start, range.count, range.step));
}

/**
 * The `length` entries of `dim` from `start` (negative counts from the end), like
 * torch.narrow: y[…, i, …] = x[…, start + i, …]. Out-of-range is a RangeError.
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = dimOf('narrow', x, dim);
  const size = x.shape[d]!;
  if (!Number.isInteger(start) || start < -size || start > size) {
    throw new RangeError(
      `narrow: start ${start} is out of range for dim ${dim} of size ${size} (expected ${-size} … ${size})`,
    );
  }
  const first = start < 0 ? start + size : start;
  if (!Number.isInteger(length) || length < 0 || first + length > size) {
    throw new RangeError(`narrow: start ${start} + length ${length} exceeds dim ${dim} of size ${size}`);
  }
  return sliceBox(x, boxAlong(x, d, first, length));
}
