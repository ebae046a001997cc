import { linalg, tensor } from '@shinkei/core-tensor';

/** A linear autoregressive forecaster x̂ₜ = c + Σₖ₌₁ᵖ aₖ xₜ₋ₖ. */
export interface AutoregressiveModel {
  /** a₁ … a_p: aₖ multiplies xₜ₋ₖ. */
  coefficients: number[];
  intercept: number;
  /** The forecast after a window (oldest value first; only the last p values are used). */
  predict(window: ArrayLike<number>): number;
}

/**
 * Fit AR(p) by least squares on a series: minimise Σₜ (xₜ − c − Σₖ aₖ xₜ₋ₖ)² through the
 * normal equations (XᵀX + λI)θ = Xᵀy, with a tiny ridge λ for conditioning.
 */
export function fitAutoregressive(series: ArrayLike<number>, order: number, ridge = 1e-8): AutoregressiveModel {
  const p = order;
  const rows = series.length - p;
  if (!Number.isInteger(p) || p < 1 || rows < p + 1)
    throw new RangeError(`fitAutoregressive: order ${p} needs more than ${2 * p + 1} points, got ${series.length}`);
  const n = p + 1;
  const gram = new Float64Array(n * n);
  const moment = new Float64Array(n);
  const features = new Float64Array(n);
  for (let t = p; t < series.length; t++) {
    features[0] = 1;
    for (let k = 1; k <= p; k++) features[k] = series[t - k]!;
    for (let i = 0; i < n; i++) {
      moment[i]! += features[i]! * series[t]!;
      for (let j = 0; j < n; j++) gram[i * n + j]! += features[i]! * features[j]!;
    }
  }
  for (let i = 0; i < n; i++) gram[i * n + i]! += ridge * rows;
  const theta = linalg.solve(tensor(gram, { shape: [n, n] }), tensor(moment, { shape: [n, 1] })).data;
  const intercept = theta[0]!;
  const coefficients = Array.from({ length: p }, (_, k) => theta[k + 1]!);
  return {
    coefficients,
    intercept,
    predict(window) {
      if (window.length < p) throw new RangeError(`AR(${p}).predict: needs ${p} values, got ${window.length}`);
      let value = intercept;
      for (let k = 1; k <= p; k++) value += coefficients[k - 1]! * window[window.length - k]!;
      return value;
    },
  };
}
