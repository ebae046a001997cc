import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, tensor } from '@shinkei/core-tensor';

export interface NoisySineOptions {
  /** Periods (in steps) of the summed sines (default [20, 7]). */
  periods?: readonly number[];
  /** Amplitudes of the sines (default [1, 0.5]). */
  amplitudes?: readonly number[];
  /** Standard deviation σ of the Gaussian observation noise (default 0.1). */
  noise?: number;
  generator?: Generator;
}

/**
 * A seeded noisy periodic signal, xₜ = Σₖ aₖ sin(2πt/Pₖ + φₖ) + εₜ with random phases φₖ
 * and εₜ ~ N(0, σ²). No forecaster can beat the noise floor σ² one step ahead.
 */
export function noisySine(length: number, options: NoisySineOptions = {}): Float64Array {
  const periods = options.periods ?? [20, 7];
  const amplitudes = options.amplitudes ?? [1, 0.5];
  if (periods.length !== amplitudes.length)
    throw new RangeError(`noisySine: ${periods.length} periods but ${amplitudes.length} amplitudes`);
  const noise = options.noise ?? 0.1;
  const g = options.generator ?? defaultGenerator();
  const phases = periods.map(() => 2 * Math.PI * g.random());
  const series = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    let value = noise * g.normal();
    periods.forEach((period, k) => {
      value += amplitudes[k]! * Math.sin((2 * Math.PI * t) / period + phases[k]!);
    });
    series[t] = value;
  }
  return series;
}

/** Windows of a series and the value after each: inputs [W, N, 1] (time-major) and targets [N]. */
export interface ForecastWindows {
  inputs: Tensor;
  targets: Tensor;
}

/**
 * One-step-ahead forecasting pairs: window n is x[s + n … s + n + W − 1] and its target
 * x[s + n + W], for every window inside series[from, to) (the whole series by default).
 */
export function forecastWindows(
  series: ArrayLike<number>,
  window: number,
  range: { from?: number; to?: number } = {},
): ForecastWindows {
  const from = range.from ?? 0;
  const to = range.to ?? series.length;
  const count = to - from - window;
  if (!Number.isInteger(window) || window < 1 || count < 1)
    throw new RangeError(`forecastWindows: a window of ${window} does not fit in [${from}, ${to})`);
  const inputs = new Float32Array(window * count);
  const targets = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    for (let t = 0; t < window; t++) inputs[t * count + n] = series[from + n + t]!;
    targets[n] = series[from + n + window]!;
  }
  return { inputs: tensor(inputs, { shape: [window, count, 1] }), targets: tensor(targets) };
}
