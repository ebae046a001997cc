/**
 * Below how much work an op stays in JS: a native call costs ~10–20 µs with its wrapping
 * (ONNX Runtime's own ~7 µs plus feeds and fetches), which pays off only once the JS kernel
 * would take longer. Each threshold sits near the crossover bench/ort-crossover.ts measures
 * (JS kernel against ORT call, per size; two-core AMD EPYC, Node 20, onnxruntime-node 1.30).
 */
export interface AccelerationThresholds {
  /** batch·M·N·K of a matmul (crossover ≈ 32³). */
  matmul: number;
  /** N·O·outH·outW·(C/groups)·kH·kW of a convolution, for each of its three products (crossover ≈ 10⁴). */
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
  matmul: 32_768,
  conv: 16_384,
  pool: 32_768,
  elementwise: 32_768,
  reduce: 65_536,
  scatteredReduce: 1_024,
};
