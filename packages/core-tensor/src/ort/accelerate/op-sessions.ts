import type { NativeSession, OrtSessionOptions } from '../runtime.js';
import type { OpModel } from './op-model.js';

/** A tensor as the native binding reads it: the typed array itself is shared, never copied. */
export interface NativeTensor {
  type: 'float32' | 'float64' | 'int32';
  data: Float32Array | Float64Array | Int32Array;
  dims: readonly number[];
  location: 'cpu';
}

/** Wrap a typed array (ours, zero-copy) for a native run. */
export function nativeTensor(data: Float32Array | Float64Array | Int32Array, dims: readonly number[]): NativeTensor {
  const type = data instanceof Float32Array ? 'float32' : data instanceof Float64Array ? 'float64' : 'int32';
  return { type, data, dims, location: 'cpu' };
}

/**
 * The native session's run with pre-allocated outputs: onnxruntime-node writes each output
 * into the buffer of the tensor given for it in `fetches` (its public API's
 * `fetches: Record<string, Tensor | null>`), so results land in our arrays without a copy.
 */
interface PreallocatingSession {
  run(feeds: Record<string, NativeTensor>, fetches: Record<string, NativeTensor>, options: object): unknown;
}

interface LoadedModel {
  session: PreallocatingSession;
  outputs: readonly string[];
}

/**
 * Small ONNX Runtime sessions built on first use, one per key (op, dtype, attributes —
 * never sizes: dims are symbolic), and run synchronously. A key whose model ONNX Runtime
 * rejects or fails to run is reported once and not tried again.
 */
export class OpSessions {
  private readonly models = new Map<string, LoadedModel | Error>();

  constructor(
    private readonly createSession: () => NativeSession,
    private readonly options: OrtSessionOptions,
    private readonly onFailure: (key: string, error: Error) => void,
  ) {}

  /** How many sessions are loaded. */
  get size(): number {
    return this.models.size;
  }

  /** Run `key`'s model on `feeds`, writing its outputs into `outputs` (in order); false when ORT could not. */
  run(
    key: string,
    build: () => OpModel,
    feeds: Record<string, NativeTensor>,
    outputs: readonly NativeTensor[],
  ): boolean {
    let model = this.models.get(key);
    if (model === undefined) {
      model = this.load(key, build);
      this.models.set(key, model);
    }
    if (model instanceof Error) return false;
    const fetches: Record<string, NativeTensor> = {};
    for (let i = 0; i < model.outputs.length; i++) fetches[model.outputs[i]!] = outputs[i]!;
    try {
      model.session.run(feeds, fetches, {});
      return true;
    } catch (error) {
      this.fail(key, error);
      return false;
    }
  }

  private load(key: string, build: () => OpModel): LoadedModel | Error {
    try {
      const { bytes, outputs } = build();
      const session = this.createSession();
      session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, this.options);
      return { session: session as unknown as PreallocatingSession, outputs };
    } catch (error) {
      return this.fail(key, error);
    }
  }

  private fail(key: string, error: unknown): Error {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.models.set(key, failure);
    this.onFailure(key, failure);
    return failure;
  }
}
