import { createRequire } from 'node:module';

/**
 * The one place that touches onnxruntime-node. It is an optional peer dependency: a
 * user who never imports `@shinkei/core-tensor/ort` never needs it. The synchronous
 * native binding (`onnxruntime-node/dist/binding.js`: `InferenceSession.loadModel` and
 * `run` without promises) is an internal of the package, so its version and shape are
 * checked at load; if they differ, the public async API still works and `runSync`
 * says why it cannot.
 */
export const SUPPORTED_ORT_RANGE = '1.30.x';

export interface OrtTensor {
  readonly type: string;
  readonly data: ArrayLike<number> | ArrayLike<bigint> | ArrayLike<boolean>;
  readonly dims: readonly number[];
}

export interface OrtTensorConstructor {
  new (type: string, data: ArrayBufferView, dims: readonly number[]): OrtTensor;
}

export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode?: 'sequential' | 'parallel';
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** ONNX Runtime session config entries (onnxruntime_session_options_config_keys.h), nested by dots. */
  extra?: Record<string, unknown>;
}

/**
 * Session options for code that alternates ORT calls with JS work (the `ort` backend's
 * kernels, a compiled gradient between optimizer steps): intra-op workers that spin
 * between calls would take the cores the JS thread needs (measured on a busy two-core
 * machine: the CNN training step ~5× slower).
 */
export const interleavedSessionOptions: OrtSessionOptions = {
  extra: { session: { intra_op: { allow_spinning: '0' } } },
};

export interface OrtPublicSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}

export interface OrtModule {
  Tensor: OrtTensorConstructor;
  InferenceSession: { create(model: Uint8Array | string, options?: OrtSessionOptions): Promise<OrtPublicSession> };
}

export interface NativeSession {
  loadModel(buffer: ArrayBuffer, byteOffset: number, byteLength: number, options: OrtSessionOptions): void;
  readonly inputMetadata: readonly { name: string }[];
  readonly outputMetadata: readonly { name: string }[];
  run(
    feeds: Record<string, OrtTensor>,
    fetches: Record<string, null>,
    options: Record<string, unknown>,
  ): Record<string, OrtTensor>;
  dispose(): void;
}

interface NativeBinding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}

export interface OrtRuntime {
  ort: OrtModule;
  version: string;
  /** A synchronous native session, or the reason it is unavailable. */
  createNativeSession: (() => NativeSession) | string;
}

let cached: OrtRuntime | undefined;

/** Load onnxruntime-node once, with a clear error when it is missing. */
export function loadOrt(): OrtRuntime {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  let ort: OrtModule;
  let version: string;
  try {
    ort = require('onnxruntime-node') as OrtModule;
    version = (require('onnxruntime-node/package.json') as { version: string }).version;
  } catch (error) {
    throw new Error(
      `@shinkei/core-tensor/ort needs the optional peer dependency onnxruntime-node (${SUPPORTED_ORT_RANGE}). Install it with \`npm install onnxruntime-node@1.30.0 --ignore-scripts\` (its install script only fetches GPU files). Cause: ${(error as Error).message}`,
    );
  }
  cached = { ort, version, createNativeSession: nativeSessionFactory(require, version) };
  return cached;
}

function nativeSessionFactory(require: NodeJS.Require, version: string): (() => NativeSession) | string {
  if (!version.startsWith('1.30.'))
    return `runSync supports onnxruntime-node ${SUPPORTED_ORT_RANGE}; ${version} is installed (use the async run)`;
  try {
    const native = require('onnxruntime-node/dist/binding.js') as NativeBinding;
    if (typeof native.initOrt !== 'function' || typeof native.binding?.InferenceSession !== 'function') {
      return 'the onnxruntime-node native binding does not have the expected shape (initOrt, binding.InferenceSession); use the async run';
    }
    const probe = native.binding.InferenceSession.prototype as Partial<NativeSession>;
    if (typeof probe.loadModel !== 'function' || typeof probe.run !== 'function') {
      return 'the onnxruntime-node native InferenceSession lacks loadModel/run; use the async run';
    }
    return () => {
      native.initOrt();
      return new native.binding.InferenceSession();
    };
  } catch (error) {
    return `the onnxruntime-node native binding could not be loaded (${(error as Error).message}); use the async run`;
  }
}
