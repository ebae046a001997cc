import type { FloatDType } from '../../dtype.js';
import { GraphBuilder } from '../../onnx/graph.js';
import { encodeModel } from '../../onnx/proto.js';

/** The ONNX opset of the accelerator's models (what ONNX Runtime 1.30 runs natively). */
const OPSET = 17;

export interface OpModelInput {
  name: string;
  dtype: FloatDType;
  rank: number;
}

export interface OpModelOutput {
  /** The graph value that is an output. */
  value: string;
  dtype: FloatDType | 'int32';
  rank: number;
}

/** An encoded single-op (or small fused) model and the names of its outputs, in order. */
export interface OpModel {
  bytes: Uint8Array;
  outputs: readonly string[];
}

/**
 * Build and encode a tiny model whose inputs have symbolic dims (`a_0`, `a_1`, …), so one
 * ONNX Runtime session serves every shape: `build` adds the nodes and names its outputs.
 */
export function opModel(
  graphName: string,
  inputs: readonly OpModelInput[],
  build: (g: GraphBuilder) => readonly OpModelOutput[],
): OpModel {
  const g = new GraphBuilder(OPSET, false);
  const outputs = build(g);
  const symbolic = (name: string, rank: number): string[] => Array.from({ length: rank }, (_, i) => `${name}_${i}`);
  const bytes = encodeModel(
    g,
    inputs.map(({ name, dtype, rank }) => ({ name, dtype, shape: symbolic(name, rank) })),
    outputs.map(({ value, dtype, rank }) => ({ name: value, dtype, shape: symbolic(value, rank) })),
    graphName,
  );
  return { bytes, outputs: outputs.map((o) => o.value) };
}
