/**
 * Complementary error function erfc(x) = (2/√π) ∫ₓ^∞ e^{−t²} dt, by the Chebyshev fit of
 * Numerical Recipes (`erfcc`): relative error below 1.2·10⁻⁷ for every x, tails included,
 * which is what capacity predictions like Φ(−3.16) ≈ 7.8·10⁻⁴ need.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/** Standard normal CDF Φ(x) = ½ erfc(−x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Gaussian tail Q(x) = 1 − Φ(x) = Φ(−x), the bit-error rate of BPSK at amplitude/noise ratio x. */
export function gaussianTail(x: number): number {
  return normalCdf(-x);
}

/** Logistic σ(x) = 1 / (1 + e^{−x}), computed without overflow for large |x|. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), stable for any x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log Σᵢ exp(aᵢ), shifted by the maximum so nothing overflows. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}
