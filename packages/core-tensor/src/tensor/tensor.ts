import { backward as runBackward } from '../autograd/backward.js';
import { notifyRead } from '../autograd/dispatch.js';
import { isGradEnabled } from '../autograd/mode.js';
import type { GradNode } from '../autograd/node.js';
import type { DType, Storage } from '../dtype.js';
import { dtypeOfStorage } from '../dtype.js';
import { AutogradError, ShapeError } from '../errors.js';
import * as b from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import type { IndexSpec } from '../ops/indexing/index.js';
import * as ix from '../ops/indexing/index.js';
import * as m from '../ops/matmul.js';
import * as r from '../ops/reduce.js';
import * as s from '../ops/shape.js';
import * as softmaxOps from '../ops/softmax.js';
import * as u from '../ops/unary.js';
import type { Shape } from '../shape.js';
import { formatShape, sizeOf } from '../shape.js';
import { formatTensor } from './format.js';
import { toNested } from './nested.js';

/** Counts in-place mutations of a buffer; shared by a tensor and its views. */
export interface VersionCounter {
  value: number;
}

export type TensorLike = Tensor | number;
export type Dims = number | readonly number[];
export type NestedArray = number | boolean | readonly NestedArray[];

/**
 * An n-dimensional array of float32, float64, int32 or bool, stored row-major and
 * contiguous in a typed array, with define-by-run reverse-mode autodiff. Memory is
 * garbage-collected: there is no dispose().
 */
export class Tensor {
  readonly data: Storage;
  readonly shape: Shape;
  readonly dtype: DType;
  /** Whether autograd tracks this tensor. Set it on a leaf to get `.grad` after backward. */
  requiresGrad = false;
  /** The accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, when recorded by autograd. */
  gradNode: GradNode | null = null;
  /** @internal shared with views */
  readonly versionCounter: VersionCounter;

  constructor(data: Storage, shape: Shape, versionCounter?: VersionCounter) {
    const expected = sizeOf(shape);
    if (data.length !== expected) {
      throw new ShapeError(`Tensor: ${data.length} values cannot fill shape ${formatShape(shape)} (needs ${expected})`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOfStorage(data);
    this.versionCounter = versionCounter ?? { value: 0 };
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** How many times the buffer was mutated in place. */
  get version(): number {
    return this.versionCounter.value;
  }

  /** A tensor with no producing op (user-created or detached). */
  get isLeaf(): boolean {
    return this.gradNode === null;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item: expected a tensor with one element, got shape ${formatShape(this.shape)}`);
    notifyRead(this, 'item()');
    return this.data[0]!;
  }

  /** Nested JS arrays (a number for a scalar; booleans for bool tensors). */
  toArray(): NestedArray {
    notifyRead(this, 'toArray()');
    return toNested(this);
  }

  /** Same values, new dtype (differentiable between float dtypes). */
  to(dtype: DType): Tensor {
    return dtype === this.dtype ? this : cast(this, dtype);
  }

  float(): Tensor {
    return this.to('float32');
  }

  double(): Tensor {
    return this.to('float64');
  }

  int(): Tensor {
    return this.to('int32');
  }

  bool(): Tensor {
    return this.to('bool');
  }

  /** A copy with its own buffer (differentiable). */
  clone(): Tensor {
    return s.clone(this);
  }

  /** Same buffer, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.versionCounter);
  }

  /** Set requiresGrad in place (leaves only); returns this. */
  requiresGrad_(requiresGrad = true): this {
    if (!this.isLeaf && !requiresGrad)
      throw new AutogradError('requiresGrad_: only a leaf tensor can stop requiring grad; use detach()');
    this.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * Reverse-mode autodiff: accumulate d(this)/d(leaf) into every leaf's `.grad`. A
   * non-scalar needs the upstream gradient `grad` (the vector of the vector–Jacobian product).
   */
  backward(grad?: Tensor, options: { retainGraph?: boolean; createGraph?: boolean } = {}): void {
    runBackward(this, grad, options);
  }

  toString(): string {
    return formatTensor(this);
  }

  // ---- in-place (for optimizers and initializers; refused on tensors autograd saved) ----

  /** Overwrite the values with `source`'s (broadcast), bumping the version. */
  copy_(source: Tensor | ArrayLike<number>): this {
    this.assertMutable('copy_');
    if (source instanceof Tensor) {
      const src =
        source.shape.length === this.shape.length && source.size === this.size ? source : s.expand(source, this.shape);
      (this.data as Float64Array).set(src.dtype === this.dtype ? src.data : cast(src, this.dtype).data);
    } else {
      if (source.length !== this.size)
        throw new ShapeError(`copy_: ${source.length} values for a tensor of ${this.size} elements`);
      (this.data as Float64Array).set(source);
    }
    this.versionCounter.value++;
    return this;
  }

  fill_(value: number): this {
    this.assertMutable('fill_');
    this.data.fill(value);
    this.versionCounter.value++;
    return this;
  }

  zero_(): this {
    return this.fill_(0);
  }

  /** this ← this + alpha·other, in place. */
  add_(other: TensorLike, alpha = 1): this {
    return this.copy_(b.add(this.detach(), alpha === 1 ? other : b.mul(other, alpha)));
  }

  /** this ← this · other, in place. */
  mul_(other: TensorLike): this {
    return this.copy_(b.mul(this.detach(), other));
  }

  private assertMutable(op: string): void {
    if (this.requiresGrad && this.isLeaf && isGradEnabled()) {
      throw new AutogradError(
        `${op}: a leaf tensor that requires grad is being mutated in place while autograd records; wrap the update in noGrad()`,
      );
    }
  }

  // ---- elementwise ----
  add(other: TensorLike): Tensor {
    return b.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return b.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return b.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return b.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return b.pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return b.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return b.minimum(this, other);
  }
  eq(other: TensorLike): Tensor {
    return b.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return b.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return b.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return b.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return b.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return b.ge(this, other);
  }
  logicalAnd(other: TensorLike): Tensor {
    return b.logicalAnd(this, other);
  }
  logicalOr(other: TensorLike): Tensor {
    return b.logicalOr(this, other);
  }
  logicalNot(): Tensor {
    return u.logicalNot(this);
  }
  neg(): Tensor {
    return u.neg(this);
  }
  abs(): Tensor {
    return u.abs(this);
  }
  sign(): Tensor {
    return u.sign(this);
  }
  exp(): Tensor {
    return u.exp(this);
  }
  log(): Tensor {
    return u.log(this);
  }
  log1p(): Tensor {
    return u.log1p(this);
  }
  sqrt(): Tensor {
    return u.sqrt(this);
  }
  rsqrt(): Tensor {
    return u.rsqrt(this);
  }
  square(): Tensor {
    return u.square(this);
  }
  reciprocal(): Tensor {
    return u.reciprocal(this);
  }
  sin(): Tensor {
    return u.sin(this);
  }
  cos(): Tensor {
    return u.cos(this);
  }
  tanh(): Tensor {
    return u.tanh(this);
  }
  sigmoid(): Tensor {
    return u.sigmoid(this);
  }
  relu(): Tensor {
    return u.relu(this);
  }
  leakyRelu(negativeSlope = 0.01): Tensor {
    return u.leakyRelu(this, negativeSlope);
  }
  elu(alpha = 1): Tensor {
    return u.elu(this, alpha);
  }
  gelu(approximate: 'none' | 'tanh' = 'none'): Tensor {
    return u.gelu(this, approximate);
  }
  silu(): Tensor {
    return u.silu(this);
  }
  softplus(beta = 1): Tensor {
    return u.softplus(this, beta);
  }
  erf(): Tensor {
    return u.erf(this);
  }
  floor(): Tensor {
    return u.floor(this);
  }
  ceil(): Tensor {
    return u.ceil(this);
  }
  round(): Tensor {
    return u.round(this);
  }
  clamp(min?: number, max?: number): Tensor {
    return u.clamp(this, min, max);
  }
  isNaN(): Tensor {
    return u.isNaN(this);
  }
  isFinite(): Tensor {
    return u.isFinite(this);
  }

  // ---- reductions ----
  sum(dim?: Dims, keepdim = false): Tensor {
    return r.sum(this, dim, keepdim);
  }
  mean(dim?: Dims, keepdim = false): Tensor {
    return r.mean(this, dim, keepdim);
  }
  prod(dim?: Dims, keepdim = false): Tensor {
    return r.prod(this, dim, keepdim);
  }
  /** Largest value along `dim` (all dims when omitted), like torch.amax. */
  amax(dim?: Dims, keepdim = false): Tensor {
    return r.amax(this, dim, keepdim);
  }
  amin(dim?: Dims, keepdim = false): Tensor {
    return r.amin(this, dim, keepdim);
  }
  /** Values and indices of the maximum along one dim, like torch.max(x, dim). */
  max(dim: number, keepdim = false): { values: Tensor; indices: Tensor } {
    return r.max(this, dim, keepdim);
  }
  min(dim: number, keepdim = false): { values: Tensor; indices: Tensor } {
    return r.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return r.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return r.argmin(this, dim, keepdim);
  }
  var(dim?: Dims, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
    return r.variance(this, dim, options);
  }
  std(dim?: Dims, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
    return r.std(this, dim, options);
  }
  logSumExp(dim: Dims, keepdim = false): Tensor {
    return r.logSumExp(this, dim, keepdim);
  }
  norm(p: number = 2, dim?: Dims, keepdim = false): Tensor {
    return r.norm(this, p, dim, keepdim);
  }
  softmax(dim: number): Tensor {
    return softmaxOps.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return softmaxOps.logSoftmax(this, dim);
  }

  // ---- shape ----
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return s.reshape(this, flatShapeArgs(shape));
  }
  view(...shape: number[] | [readonly number[]]): Tensor {
    return s.reshape(this, flatShapeArgs(shape));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return s.flatten(this, startDim, endDim);
  }
  squeeze(dim?: Dims): Tensor {
    return s.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return s.unsqueeze(this, dim);
  }
  expand(...shape: number[] | [readonly number[]]): Tensor {
    return s.expand(this, flatShapeArgs(shape));
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return s.expand(this, shape);
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return s.permute(this, flatShapeArgs(dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return s.transpose(this, dim0, dim1);
  }
  /** Transpose of a matrix (2-D), or identity for ≤ 1-D. */
  t(): Tensor {
    return s.t(this);
  }
  /** The matrix transpose, as a property (torch's `.T` for 2-D). */
  get T(): Tensor {
    return s.t(this);
  }

  // ---- indexing ----
  /** x[spec, …] with numbers (select), null (new axis), {start, stop, step} ranges, or int32 index tensors. */
  index(...specs: IndexSpec[]): Tensor {
    return ix.index(this, ...specs);
  }
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return ix.slice(this, dim, start, end, step);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ix.narrow(this, dim, start, length);
  }
  gather(dim: number, index: Tensor): Tensor {
    return ix.gather(this, dim, index);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ix.scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ix.indexSelect(this, dim, index);
  }
  indexAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ix.indexAdd(this, dim, index, src);
  }
  take(index: Tensor): Tensor {
    return ix.take(this, index);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return ix.maskedFill(this, mask, value);
  }
  split(sizeOrSizes: number | readonly number[], dim = 0): Tensor[] {
    return ix.split(this, sizeOrSizes, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return ix.chunk(this, chunks, dim);
  }
  /** The slices along `dim`, with that dim removed (torch.unbind): x.unbind(d)[i] = x[…, i, …]. */
  unbind(dim = 0): Tensor[] {
    return ix.unbind(this, dim);
  }
  repeat(...reps: number[] | [readonly number[]]): Tensor {
    return ix.repeat(this, ...reps);
  }
  tile(reps: readonly number[]): Tensor {
    return ix.tile(this, reps);
  }
  flip(dims: number | readonly number[]): Tensor {
    return ix.flip(this, dims);
  }
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    return ix.roll(this, shifts, dims);
  }
  tril(k = 0): Tensor {
    return ix.tril(this, k);
  }
  triu(k = 0): Tensor {
    return ix.triu(this, k);
  }
  cumsum(dim: number): Tensor {
    return ix.cumsum(this, dim);
  }

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor {
    return m.matmul(this, other);
  }
  dot(other: Tensor): Tensor {
    return m.dot(this, other);
  }
}

function flatShapeArgs(args: number[] | [readonly number[]]): number[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}
