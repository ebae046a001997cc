/**
 * Below how much work (multiply–adds, or pooling taps) an op stays in JS: a native call
 * costs ~10–20 µs with its wrapping (ONNX Runtime's own ~7 µs plus feeds and fetches), which
 * only pays off once the JS kernel would take longer. Measured with bench/ort-crossover.ts
 * (the JS kernel's time against the ORT call's, per size, on a two-core AMD EPYC).
 */
export interface AccelerationThresholds {
  /** batch·M·N·K of a matmul. */
  matmul: number;
  /** N·O·outH·outW·(C/groups)·kH·kW of a convolution (each of its three products). */
  conv: number;
  /** Output elements × window taps of a pooling. */
  pool: number;
  /** Input elements of a float32 sum. */
  reduce: number;
}

export const defaultThresholds: AccelerationThresholds = {
  matmul: 32_768,
  conv: 65_536,
  pool: 65_536,
  reduce: 65_536,
};
