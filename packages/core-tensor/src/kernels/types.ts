/** A dense floating-point buffer a kernel reads or writes: float32 or float64. */
export type FloatArray = Float32Array | Float64Array;
