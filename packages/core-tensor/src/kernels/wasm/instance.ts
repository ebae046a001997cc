/*
 * Synchronous WebAssembly loading that works in Node and in browsers alike: the module
 * bytes come from a generated TypeScript file (no fetch, no `node:` import) and
 * `WebAssembly` is read off `globalThis`, so an engine without it (or without SIMD,
 * which `WebAssembly.validate` reports) simply yields `null`.
 */

/** A WebAssembly linear memory, as far as the kernels use it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` × 64 KiB; returns the old size in pages, throws a RangeError when it cannot. */
  grow(pages: number): number;
}

/** The slice of the `WebAssembly` namespace used here (TypeScript's ES libs do not declare it). */
interface WasmNamespace {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** Bytes of a base64 string (`atob` is a global in browsers and in Node ≥ 16). */
function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A compiled module that can be instantiated again and again, cheaply (its code is shared). */
export interface WasmModule<Exports> {
  instantiate(): Exports;
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
    return { instantiate: () => new wasm.Instance(module, {}).exports as Exports };
  } catch {
    return null;
  }
}
