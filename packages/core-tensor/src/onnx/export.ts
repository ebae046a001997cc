import { nodeBuiltin } from '../platform/node-builtin.js';
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
  const parameterNames = new Map<Tensor, string>();
  if (isModule(model)) {
    for (const [name, p] of model.namedParameters()) parameterNames.set(p, name);
    for (const [name, b] of model.namedBuffers?.() ?? []) parameterNames.set(b, name);
  }
  const inputs = exampleInputs.map((t) => t.detach());
  const run = (): Tensor | Tensor[] => {
    if (!isModule(model)) return model(...inputs);
    const wasTraining = model.training;
    model.eval?.();
    try {
      return model.forward(...inputs);
    } finally {
      if (wasTraining) model.train?.(true);
    }
  };
  return traceToOnnx({
    ...options,
    inputs: inputs.map((tensor, i) => ({ tensor, name: inputNames[i]! })),
    parameterNames,
    run,
  });
}

/** What {@link traceToOnnx} records: named graph inputs and the function of them to trace. */
export interface TraceSpec extends Omit<ExportOptions, 'inputNames'> {
  /** The graph inputs: tensors the function reads (leaves), each with its input name. */
  inputs: readonly { tensor: Tensor; name: string }[];
  /** Names of the tensors that become initializers when the function reads them (parameters, buffers). */
  parameterNames?: ReadonlyMap<Tensor, string>;
  /** The function to record, run once on the inputs. */
  run: () => Tensor | Tensor[];
  /** Who traces, named in errors (default `exportOnnx`). */
  caller?: string;
}

/**
 * Record `spec.run` as a static graph over `spec.inputs` and encode it as an ONNX
 * ModelProto: the engine under {@link exportOnnx}, for callers that choose which tensors
 * are inputs (parameters too, for a compiled gradient).
 */
export function traceToOnnx(spec: TraceSpec): Uint8Array {
  const dynamicAxes = spec.dynamicAxes ?? {};
  const dynamicBatch = Object.values(dynamicAxes).some((axes) => 0 in axes);
  const graph = new GraphBuilder(spec.opset ?? 17, dynamicBatch);
  const tracer = new Tracer(graph, spec.parameterNames ?? new Map(), spec.caller);
  for (const { tensor, name } of spec.inputs) tracer.input(tensor, name);
  const result = tracer.run(spec.run);
  const outputs = Array.isArray(result) ? result : [result];
  const outputNames = spec.outputNames ?? outputs.map((_, i) => (outputs.length === 1 ? 'output' : `output_${i}`));
  if (outputNames.length !== outputs.length)
    throw new TraceError(
      `${spec.caller ?? 'exportOnnx'}: ${outputNames.length} output names for ${outputs.length} outputs`,
    );
  outputs.forEach((o, i) => {
    graph.alias(tracer.valueOf(o), outputNames[i]!);
  });

  // an output whose axes are not given follows the inputs' dynamic batch when its dim 0 matches it
  const batchInput = spec.inputs.find(({ name }) => dynamicAxes[name]?.[0] !== undefined);
  const batchSymbol = batchInput === undefined ? undefined : dynamicAxes[batchInput.name]![0]!;
  const tracedBatch = batchInput?.tensor.shape[0];
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
    spec.inputs.map(({ tensor, name }) => info(name, tensor)),
    outputs.map((t, i) => info(outputNames[i]!, t, true)),
    spec.graphName ?? 'shinkei',
  );
}

/** exportOnnx, written to a file (Node only: in a browser, exportOnnx returns the bytes). */
export function exportOnnxToFile(
  path: string,
  model: Exportable,
  exampleInputs: readonly Tensor[],
  options: ExportOptions = {},
): void {
  const { writeFileSync } = nodeBuiltin('fs', 'exportOnnxToFile', 'In a browser, exportOnnx returns the bytes.');
  writeFileSync(path, exportOnnx(model, exampleInputs, options));
}
