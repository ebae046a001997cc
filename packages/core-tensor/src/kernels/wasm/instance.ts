/*
 * Synchronous WebAssembly loading that works in Node and in browsers alike: the module
 * bytes come from a generated TypeScript file (no fetch, no `node:` import) and
 * `WebAssembly` is read off `globalThis`, so an engine without it (or without SIMD,
 * which `WebAssembly.validate` reports) simply yields `null`.
 *
 * Modules import their linear memory as `env.memory`, and a larger memory means a new
 * instance rather than `memory.grow`: growing detaches the old `ArrayBuffer`, and the
 * first detach in a process makes V8 guard every optimized typed-array access against
 * detached buffers from then on (measured: the pure-JS GEMM ~25% slower after one grow).
 */

/** A WebAssembly linear memory, as far as the kernels use it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The slice of the `WebAssembly` namespace used here (TypeScript's ES libs do not declare it). */
interface WasmNamespace {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** Bytes per WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

/** Bytes of a base64 string (`atob` is a global in browsers and in Node ≥ 16). */
function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A compiled module; instances share its machine code, so instantiating again is cheap. */
export interface WasmModule<Exports> {
  /**
   * A new instance on a fresh linear memory of `pages` × 64 KiB (imported as `env.memory`);
   * throws a RangeError when the engine cannot allocate that much.
   */
  instantiate(pages: number): { exports: Exports; memory: WasmMemory };
}

/**
 * Compiles a base64-encoded module synchronously, or returns null when this engine has
 * no WebAssembly, rejects the module (an engine without SIMD does) or fails to compile it.
 */
export function compileWasm<Exports>(base64: string): WasmModule<Exports> | null {
  const wasm = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly;
  if (typeof wasm !== 'object' || wasm === null) return null;
  try {
    const bytes = decodeBase64(base64);
    if (!wasm.validate(bytes)) return null;
    const module = new wasm.Module(bytes);
    return {
      instantiate(pages) {
        const memory = new wasm.Memory({ initial: pages });
        return { exports: new wasm.Instance(module, { env: { memory } }).exports as Exports, memory };
      },
    };
  } catch {
    return null;
  }
}
