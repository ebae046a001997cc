/**
 * Below how much work an op stays in JS: a native call costs ~10–20 µs with its wrapping
 * (ONNX Runtime's own ~7 µs plus feeds and fetches), which pays off only once the JS kernel
 * would take longer. Each threshold sits near the crossover bench/ort-crossover.ts measures
 * (JS kernel against ORT call, per size; two-core AMD EPYC, Node 20, onnxruntime-node 1.30).
 * Matmul and convolution cross late because the JS kernels multiply on WebAssembly SIMD
 * (~29 GFLOP/s at 512³ on one core against ONNX Runtime's two threads).
 */
export interface AccelerationThresholds {
  /** batch·M·N·K of a matmul (crossover ≈ 1.4–2.1 × 10⁶, about 112³–128³). */
  matmul: number;
  /** N·O·outH·outW·(C/groups)·kH·kW of a convolution, for each of its three products (crossover ≈ 1.2–2.3 × 10⁵). */
  conv: number;
  /** Output elements × window taps of a pooling (crossover ≈ 8–32 × 10³). */
  pool: number;
  /** Elements of a float32 elementwise op (ReLU and its gradient; crossover ≈ 3 × 10⁴). */
  elementwise: number;
  /** Elements of a float32 sum over adjacent dims, which the JS kernel streams (crossover ≈ 10⁵). */
  reduce: number;
  /** Elements of a float32 sum over non-adjacent dims ([0, 2, 3] for a conv bias), which the JS kernel gathers first (crossover ≈ 10²–10³). */
  scatteredReduce: number;
}

export const defaultThresholds: AccelerationThresholds = {
  matmul: 1_048_576,
  conv: 131_072,
  pool: 32_768,
  elementwise: 32_768,
  reduce: 65_536,
  scatteredReduce: 1_024,
};
