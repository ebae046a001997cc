import { wasmBase64 } from './wasm/gemm-f32.bytes.js';
import type { WasmMemory, WasmModule } from './wasm/instance.js';
import { compileWasm, WASM_PAGE_BYTES } from './wasm/instance.js';

/*
 * Float32 GEMM on the WebAssembly SIMD kernel of wasm/gemm-f32.wat. The operands are
 * copied into the module's linear memory (A, then B, then C past `heap_base`), the
 * Goto / BLIS loops below pack depth blocks of op(B) and op(A) into micro-panels and
 * sweep them with the 4×8 f32x4 micro-kernel, and C is copied back out.
 */

/** What gemm-f32.wat exports. */
interface GemmF32Exports {
  pack(
    src: number,
    laneStride: number,
    depthStride: number,
    lanes: number,
    depth: number,
    width: number,
    dst: number,
  ): void;
  macro(mc: number, nc: number, kc: number, c: number, ldc: number, alpha: number, beta: number): void;
  mr: { value: number };
  nr: { value: number };
  mc: { value: number };
  kc: { value: number };
  nc: { value: number };
  pack_a: { value: number };
  pack_b: { value: number };
  heap_base: { value: number };
}

/** Linear memory of a first instance, and the least a new one gets. */
const INITIAL_BYTES = 2 ** 20;
/** Linear memory kept between calls; a larger call's instance is dropped after it (its memory freed). */
const RETAINED_BYTES = 32 * 2 ** 20;
/** Operands past this many bytes stay on the JS kernel (wasm32 addresses, engines' memory limits). */
const MAX_BYTES = 2 ** 30;

/** The compiled module: undefined until first use, null when WebAssembly SIMD is unavailable. */
let compiled: WasmModule<GemmF32Exports> | null | undefined;
/** The current instance and its memory; replaced by a larger one when operands outgrow it. */
let kernel: { exports: GemmF32Exports; memory: WasmMemory } | undefined;

/** True when this engine runs the WebAssembly SIMD kernel (checked once, then cached). */
export function wasmGemmAvailable(): boolean {
  if (compiled === undefined) compiled = compileWasm<GemmF32Exports>(wasmBase64);
  return compiled !== null;
}

/** A new instance on at least `bytes` of linear memory, or undefined when the engine cannot allocate it. */
function instantiate(bytes: number): { exports: GemmF32Exports; memory: WasmMemory } | undefined {
  try {
    return (compiled as WasmModule<GemmF32Exports>).instantiate(Math.ceil(bytes / WASM_PAGE_BYTES));
  } catch {
    return undefined; // out of memory: the JS kernel needs none
  }
}

/**
 * An instance whose memory holds `operandBytes` past `heap_base`. A new one gets a quarter
 * more, so slowly growing operands do not re-instantiate on every call.
 */
function kernelFor(operandBytes: number): { exports: GemmF32Exports; memory: WasmMemory } | undefined {
  kernel ??= instantiate(INITIAL_BYTES);
  if (kernel === undefined) return undefined;
  const need = kernel.exports.heap_base.value + operandBytes;
  if (kernel.memory.buffer.byteLength < need) kernel = instantiate(Math.max(1.25 * need, INITIAL_BYTES));
  return kernel;
}

const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * C ← α·op(A)·op(B) + β·C for float32 operands laid out as in `gemm` (op(A) M×K, op(B)
 * K×N, C M×N row-major, at the given offsets), on the WebAssembly SIMD kernel:
 * C[i,j] = α·Σₖ op(A)[i,k]·op(B)[k,j] + β·C[i,j], summed in float32 in depth order and
 * added to C once per depth block of 256; α and β are rounded to float32, and β = 0
 * ignores C's contents. Returns false, touching nothing, when the kernel is unavailable or
 * the operands would not fit its memory; the caller then runs the JS kernel.
 */
export function gemmF32(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: Float32Array,
  aOffset: number,
  B: Float32Array,
  bOffset: number,
  beta: number,
  C: Float32Array,
  cOffset: number,
): boolean {
  // α and β travel as float32: a nonzero β that would round to 0 must still read C
  if (!wasmGemmAvailable() || (beta !== 0 && Math.fround(beta) === 0)) return false;
  // A, B and C past heap_base, each 16-byte aligned
  const bAt = align16(4 * M * K);
  const cAt = bAt + align16(4 * K * N);
  const operandBytes = cAt + 4 * M * N;
  if (operandBytes > MAX_BYTES) return false;
  const current = kernelFor(operandBytes);
  if (current === undefined) return false;
  const { exports: k, memory } = current;
  const { pack, macro } = k;
  const aPtr = k.heap_base.value;
  const bPtr = aPtr + bAt;
  const cPtr = aPtr + cAt;
  const mem = new Float32Array(memory.buffer);
  mem.set(A.subarray(aOffset, aOffset + M * K), aPtr >> 2);
  mem.set(B.subarray(bOffset, bOffset + K * N), bPtr >> 2);
  if (beta !== 0) mem.set(C.subarray(cOffset, cOffset + M * N), cPtr >> 2);

  const MR = k.mr.value;
  const NR = k.nr.value;
  const MC = k.mc.value;
  const KC = k.kc.value;
  const NC = k.nc.value;
  const packA = k.pack_a.value;
  const packB = k.pack_b.value;
  // op(A)[i, p] at aPtr + 4·(transA ? p·M + i : i·K + p); op(B)[p, j] at bPtr + 4·(transB ? j·K + p : p·N + j)
  const aRowStride = transA ? 4 : 4 * K;
  const aDepthStride = transA ? 4 * M : 4;
  const bColStride = transB ? 4 * K : 4;
  const bDepthStride = transB ? 4 : 4 * N;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      pack(bPtr + jc * bColStride + pc * bDepthStride, bColStride, bDepthStride, nc, kc, NR, packB);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        pack(aPtr + ic * aRowStride + pc * aDepthStride, aRowStride, aDepthStride, mc, kc, MR, packA);
        macro(mc, nc, kc, cPtr + 4 * (ic * N + jc), 4 * N, alpha, pc === 0 ? beta : 1);
      }
    }
  }

  C.set(new Float32Array(memory.buffer, cPtr, M * N), cOffset);
  if (memory.buffer.byteLength > RETAINED_BYTES) kernel = undefined;
  return true;
}
