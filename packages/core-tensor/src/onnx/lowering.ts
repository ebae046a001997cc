import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';

/** An ONNX attribute value as the exporter writes it. */
export type OnnxAttribute =
  | number
  | string
  | readonly number[]
  | readonly string[]
  | { tensor: { dtype: DType; shape: Shape; values: ArrayLike<number> } };

/**
 * What an op's ONNX lowering may use: add nodes and constants to the graph being
 * exported. Value names are strings, as in ONNX itself.
 */
export interface OnnxGraphBuilder {
  /** Append a node; returns the names of its outputs (`outputs` of them, default 1). */
  node(
    opType: string,
    inputs: readonly string[],
    attributes?: Record<string, OnnxAttribute>,
    outputs?: number,
  ): string[];
  /** A constant initializer holding `values` with the given dtype (or int64, for shapes and axes) and shape. */
  constant(values: ArrayLike<number>, dtype: DType | 'int64', shape: Shape): string;
  /** The opset the graph targets. */
  readonly opset: number;
  /** Dim 0 is a symbolic batch size: shape constants must not pin it (Reshape uses 0 = copy). */
  readonly dynamicBatch: boolean;
}

/** Shapes and dtypes of one op call, as traced. */
export interface OnnxOpInfo {
  inputShapes: readonly Shape[];
  inputDTypes: readonly DType[];
  outputShape: Shape;
  outputDType: DType;
}

/** Lowers one call of an op to ONNX nodes; returns the name of the output value. */
export type OnnxLowering<A> = (g: OnnxGraphBuilder, inputs: readonly string[], attrs: A, info: OnnxOpInfo) => string;

/** ONNX TensorProto.DataType codes. */
export const onnxDataType: Record<DType, number> = { float32: 1, int32: 6, bool: 9, float64: 11 };

/** The name of a 1-D int64 constant (ONNX takes shapes, axes and pads as int64 tensors). */
export function int64Constant(g: OnnxGraphBuilder, values: readonly number[]): string {
  return g.constant(values, 'int64', [values.length]);
}

/**
 * Shape constant for Reshape: with a dynamic batch, a leading dim equal to the input's
 * leading dim becomes 0 ("copy the input dim"), and one that is a multiple or a divisor of
 * it (the batch flattened with, or split from, other dims) becomes −1 (inferred), so the
 * graph accepts any batch size. Reshapes that mix the batch into later dims are not
 * batch-polymorphic and keep their traced sizes.
 */
export function reshapeTarget(g: OnnxGraphBuilder, inputShape: Shape, shape: Shape): string {
  if (!g.dynamicBatch || shape.length === 0 || inputShape.length === 0) return int64Constant(g, shape);
  const batch = inputShape[0]!;
  const lead = shape[0]!;
  const foldsBatch = lead > 1 && batch > 1 && (lead % batch === 0 || batch % lead === 0);
  const first = lead === batch ? 0 : foldsBatch ? -1 : lead;
  return int64Constant(g, [first, ...shape.slice(1)]);
}

/**
 * Shape constant for Expand: dims that do not grow become 1 (Expand broadcasts both
 * ways), so a dynamic batch passes through.
 */
export function expandTarget(g: OnnxGraphBuilder, inputShape: Shape, shape: Shape): string {
  const lead = shape.length - inputShape.length;
  return int64Constant(
    g,
    shape.map((d, i) => (i >= lead && inputShape[i - lead] === d ? 1 : d)),
  );
}
