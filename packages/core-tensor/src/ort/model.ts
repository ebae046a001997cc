import { readFileSync } from 'node:fs';
import type { Exportable, ExportOptions } from '../onnx/export.js';
import { exportOnnx } from '../onnx/export.js';
import type { Tensor } from '../tensor/tensor.js';
import { fromOrt, toOrt } from './convert.js';
import type { NativeSession, OrtPublicSession, OrtRuntime, OrtSessionOptions, OrtTensor } from './runtime.js';
import { loadOrt } from './runtime.js';

export type OrtInputs = readonly Tensor[] | Record<string, Tensor>;

/**
 * An ONNX model running in ONNX Runtime: the static-graph (define-then-run) twin of an
 * eager module. `runSync` calls the native session synchronously; `run` uses the
 * public async API.
 */
export class OrtModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private publicSession: Promise<OrtPublicSession> | undefined;

  private constructor(
    private readonly runtime: OrtRuntime,
    private readonly bytes: Uint8Array,
    private readonly options: OrtSessionOptions,
    private readonly native: NativeSession | undefined,
    names: { inputs: readonly string[]; outputs: readonly string[] },
  ) {
    this.inputNames = names.inputs;
    this.outputNames = names.outputs;
  }

  /** Load ONNX bytes or a file path. */
  static fromOnnx(model: Uint8Array | string, options: OrtSessionOptions = {}): OrtModel {
    const runtime = loadOrt();
    const bytes = typeof model === 'string' ? new Uint8Array(readFileSync(model)) : model;
    let native: NativeSession | undefined;
    let names = { inputs: [] as string[], outputs: [] as string[] };
    if (typeof runtime.createNativeSession === 'function') {
      native = runtime.createNativeSession();
      native.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, options);
      names = { inputs: native.inputMetadata.map((m) => m.name), outputs: native.outputMetadata.map((m) => m.name) };
    }
    return new OrtModel(runtime, bytes, options, native, names);
  }

  /** Export a module or function with `exportOnnx` and load it. */
  static fromModule(
    model: Exportable,
    exampleInputs: readonly Tensor[],
    options: ExportOptions & { session?: OrtSessionOptions } = {},
  ): OrtModel {
    return OrtModel.fromOnnx(exportOnnx(model, exampleInputs, options), options.session ?? {});
  }

  /** Run synchronously through the native binding. */
  runSync(inputs: OrtInputs): Tensor[] {
    if (this.native === undefined)
      throw new Error(`OrtModel.runSync is unavailable: ${this.runtime.createNativeSession as string}`);
    const fetches = Object.fromEntries(this.outputNames.map((n) => [n, null]));
    const out = this.native.run(this.feeds(inputs, this.inputNames), fetches, {});
    return this.outputNames.map((n) => fromOrt(n, out[n]!));
  }

  /** Run through onnxruntime-node's public async API. */
  async run(inputs: OrtInputs): Promise<Tensor[]> {
    this.publicSession ??= this.runtime.ort.InferenceSession.create(this.bytes, this.options);
    const session = await this.publicSession;
    const out = await session.run(this.feeds(inputs, session.inputNames));
    return session.outputNames.map((n) => fromOrt(n, out[n]!));
  }

  private feeds(inputs: OrtInputs, names: readonly string[]): Record<string, OrtTensor> {
    const { Tensor: OrtTensorClass } = this.runtime.ort;
    if (Array.isArray(inputs)) {
      if (inputs.length !== names.length)
        throw new RangeError(
          `OrtModel: the model takes ${names.length} inputs (${names.join(', ')}), got ${inputs.length}`,
        );
      return Object.fromEntries(names.map((n, i) => [n, toOrt(OrtTensorClass, inputs[i]!)]));
    }
    const record = inputs as Record<string, Tensor>;
    const missing = names.filter((n) => !(n in record));
    if (missing.length > 0)
      throw new RangeError(`OrtModel: missing inputs ${missing.join(', ')} (the model takes ${names.join(', ')})`);
    return Object.fromEntries(names.map((n) => [n, toOrt(OrtTensorClass, record[n]!)]));
  }
}
