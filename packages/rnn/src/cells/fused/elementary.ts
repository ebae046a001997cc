/*
 * exp, σ and tanh for the fused cell kernels, evaluated inline in JavaScript: V8 calls out
 * to C for Math.exp and Math.tanh (10–20 ns each), which made the transcendentals half of
 * an LSTM step's forward pass. These stay within 2.5 units of 2⁻⁵² (relative) of Math.exp
 * and Math.tanh over the whole line (test/elementary.test.ts), so float64 results agree
 * with the op-by-op kernels to rounding and float32 results round to the same values.
 */

const N = 32;
/** 2^(j/32), j = 0 … 31. */
const POWERS = Float64Array.from({ length: N }, (_, j) => 2 ** (j / N));
/** 2^−m, m = 0 … 1023. */
const SCALES = Float64Array.from({ length: 1024 }, (_, m) => 2 ** -m);
const N_OVER_LN2 = N / Math.LN2;
/** ln 2 / 32 split so that k·LN2_HI is exact for the |k| < 2¹⁶ used here (fdlibm's split of ln 2). */
const LN2_HI = 0.6931471803691238 / N;
const LN2_LO = 1.9082149292705877e-10 / N;
/** 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer. */
const ROUND = 6755399441055744;

/**
 * eˣ for x ≤ 0: x = (k/32)·ln 2 + r with |r| ≤ ln 2/64, eˣ = 2^(k/32)·eʳ, eʳ − 1 by its
 * Taylor polynomial to r⁶ (truncation < 4·10⁻¹⁸). Below −700 (and for NaN) it defers to
 * Math.exp, which handles the subnormal range.
 */
export function expNonPositive(x: number): number {
  if (!(x > -700)) return Math.exp(x);
  const kf = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kf * LN2_HI - kf * LN2_LO;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const k = kf | 0;
  const t = POWERS[k & (N - 1)]!;
  return (t + t * p) * SCALES[-(k >> 5)]!;
}

/** σ(v) = 1/(1 + e⁻ᵛ) for v ≥ 0 and eᵛ/(1 + eᵛ) below, as core-tensor's sigmoid: neither form overflows. */
export function sigmoid(v: number): number {
  const e = expNonPositive(-Math.abs(v));
  return (v >= 0 ? 1 : e) / (1 + e);
}

// Lambert's continued fraction tanh x = x/(1 + x²/(3 + x²/(5 + …))) cut after 7 levels, as
// tanh x = x·(1 + y·S(y)/Q(y)) with y = x² (the correction is < x²/3, so its rounding barely counts;
// this form keeps tanh(−0) = −0).
const S1 = -1 / 3;
const S2 = -1 / 45;
const S3 = -2.9304029304029304e-4;
const S4 = -4.9333382666716e-7;
const Q1 = 7 / 15;
const Q2 = 1 / 39;
const Q3 = 3.108003108003108e-4;
const Q4 = 4.9333382666716e-7;

/** tanh x: the continued fraction for |x| < 0.55, (1 − e^(−2|x|))/(1 + e^(−2|x|)) with x's sign above. */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (a < 0.55) {
    const y = x * x;
    return x * (1 + (y * (S1 + y * (S2 + y * (S3 + y * S4)))) / (1 + y * (Q1 + y * (Q2 + y * (Q3 + y * Q4)))));
  }
  const e = expNonPositive(-2 * a);
  const t = (1 - e) / (1 + e);
  return x < 0 ? -t : t;
}
