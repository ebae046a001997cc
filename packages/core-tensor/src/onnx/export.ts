import { writeFileSync } from 'node:fs';
import type { Tensor } from '../tensor/tensor.js';
import { GraphBuilder } from './graph.js';
import type { ValueInfo } from './proto.js';
import { encodeModel } from './proto.js';
import { TraceError, Tracer } from './trace.js';

/** Anything with a forward pass and named parameters (a core-tensor nn Module). */
export interface ExportableModule {
  forward(...inputs: Tensor[]): Tensor | Tensor[];
  namedParameters(): Iterable<[string, Tensor]>;
  namedBuffers?(): Iterable<[string, Tensor]>;
  training?: boolean;
  train?(mode?: boolean): unknown;
  eval?(): unknown;
}

export type Exportable = ExportableModule | ((...inputs: Tensor[]) => Tensor | Tensor[]);

export interface ExportOptions {
  inputNames?: readonly string[];
  outputNames?: readonly string[];
  /**
   * Symbolic dims per input/output name, as torch.onnx.export: {input: {0: 'batch'}}. An
   * output not listed follows a dynamic input batch when its dim 0 has the traced batch size.
   */
  dynamicAxes?: Record<string, Record<number, string>>;
  /** ONNX opset (default 17). */
  opset?: number;
  /** Graph name (default 'shinkei'). */
  graphName?: string;
}

function isModule(x: Exportable): x is ExportableModule {
  return typeof x === 'object' && x !== null && typeof (x as ExportableModule).forward === 'function';
}

/**
 * Trace `model` on example inputs and write a standard ONNX ModelProto. Modules are
 * traced in eval mode (dropout off, batch norm on running statistics) and their
 * parameters become named initializers; constants fold.
 */
export function exportOnnx(
  model: Exportable,
  exampleInputs: readonly Tensor[],
  options: ExportOptions = {},
): Uint8Array {
  const inputNames =
    options.inputNames ?? exampleInputs.map((_, i) => (exampleInputs.length === 1 ? 'input' : `input_${i}`));
  if (inputNames.length !== exampleInputs.length) {
    throw new TraceError(`exportOnnx: ${inputNames.length} input names for ${exampleInputs.length} example inputs`);
  }
  const dynamicAxes = options.dynamicAxes ?? {};
  const dynamicBatch = Object.values(dynamicAxes).some((axes) => 0 in axes);
  const graph = new GraphBuilder(options.opset ?? 17, dynamicBatch);
  const parameterNames = new Map<Tensor, string>();
  if (isModule(model)) {
    for (const [name, p] of model.namedParameters()) parameterNames.set(p, name);
    for (const [name, b] of model.namedBuffers?.() ?? []) parameterNames.set(b, name);
  }
  const tracer = new Tracer(graph, parameterNames);
  const inputs = exampleInputs.map((t, i) => {
    const leaf = t.detach();
    tracer.input(leaf, inputNames[i]!);
    return leaf;
  });

  const wasTraining = isModule(model) ? model.training : undefined;
  if (isModule(model)) model.eval?.();
  let result: Tensor | Tensor[];
  try {
    result = tracer.run(() => (isModule(model) ? model.forward(...inputs) : model(...inputs)));
  } finally {
    if (isModule(model) && wasTraining) model.train?.(true);
  }
  const outputs = Array.isArray(result) ? result : [result];
  const outputNames = options.outputNames ?? outputs.map((_, i) => (outputs.length === 1 ? 'output' : `output_${i}`));
  if (outputNames.length !== outputs.length)
    throw new TraceError(`exportOnnx: ${outputNames.length} output names for ${outputs.length} outputs`);
  outputs.forEach((o, i) => {
    graph.alias(tracer.valueOf(o), outputNames[i]!);
  });

  // an output whose axes are not given follows the inputs' dynamic batch when its dim 0 matches it
  const batchInput = inputs.findIndex((_, i) => dynamicAxes[inputNames[i]!]?.[0] !== undefined);
  const batchSymbol = batchInput >= 0 ? dynamicAxes[inputNames[batchInput]!]![0]! : undefined;
  const tracedBatch = batchInput >= 0 ? inputs[batchInput]!.shape[0] : undefined;
  const axesOf = (name: string, t: Tensor, isOutput: boolean): Record<number, string> =>
    dynamicAxes[name] ??
    (isOutput && batchSymbol !== undefined && t.shape[0] === tracedBatch ? { 0: batchSymbol } : {});
  const info = (name: string, t: Tensor, isOutput = false): ValueInfo => ({
    name,
    dtype: t.dtype,
    shape: t.shape.map((d, axis) => axesOf(name, t, isOutput)[axis] ?? d),
  });
  return encodeModel(
    graph,
    inputs.map((t, i) => info(inputNames[i]!, t)),
    outputs.map((t, i) => info(outputNames[i]!, t, true)),
    options.graphName ?? 'shinkei',
  );
}

/** exportOnnx, written to a file. */
export function exportOnnxToFile(
  path: string,
  model: Exportable,
  exampleInputs: readonly Tensor[],
  options: ExportOptions = {},
): void {
  writeFileSync(path, exportOnnx(model, exampleInputs, options));
}
