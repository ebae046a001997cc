import { gradients } from '../autograd/functional.js';
import { withGradMode } from '../autograd/mode.js';
import { cast } from '../ops/cast.js';
import { Tensor } from '../tensor/tensor.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6, for float64). */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Which inputs to check (default: every float input). */
  argnums?: readonly number[];
}

export interface GradcheckResult {
  ok: boolean;
  /** Largest |analytic − numeric| − tolerance over all checked elements (≤ 0 when ok). */
  worstExcess: number;
  message: string;
}

/**
 * Compare autograd's gradient of ⟨f(x), r⟩ (r a fixed random cotangent) with central
 * finite differences (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε, in float64. Inputs are cast to
 * float64 first. Returns a report; `assertGradcheck` throws instead.
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const xs = inputs.map((x) => (x.dtype === 'float32' || x.dtype === 'float64' ? cast(x.detach(), 'float64') : x));
  const argnums = options.argnums ?? xs.map((_, i) => i).filter((i) => xs[i]!.dtype === 'float64');
  const probe = withGradMode(false, () => fn(...xs));
  const weights = new Float64Array(probe.size);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.sin(1.7 * i + 0.3) + 1.1; // fixed, non-degenerate cotangent
  const r = new Tensor(weights, probe.shape);
  const scalarize = (out: Tensor): number => {
    let s = 0;
    for (let i = 0; i < out.size; i++) s += out.data[i]! * weights[i]!;
    return s;
  };
  const leaves = xs.map((x, i) => (argnums.includes(i) ? x.detach().requiresGrad_(true) : x));
  const out = withGradMode(true, () => fn(...leaves));
  const analytic = out.requiresGrad
    ? gradients(
        out,
        argnums.map((i) => leaves[i]!),
        [cast(r, out.dtype)],
        { allowUnused: true },
      )
    : argnums.map((i) => new Tensor(new Float64Array(xs[i]!.size), xs[i]!.shape));
  let worst = Number.NEGATIVE_INFINITY;
  let report = '';
  argnums.forEach((argIndex, k) => {
    const x = xs[argIndex]!;
    for (let j = 0; j < x.size; j++) {
      const original = x.data[j]!;
      x.data[j] = original + eps;
      const plus = scalarize(withGradMode(false, () => fn(...xs)));
      x.data[j] = original - eps;
      const minus = scalarize(withGradMode(false, () => fn(...xs)));
      x.data[j] = original;
      const numeric = (plus - minus) / (2 * eps);
      const got = analytic[k]!.data[j]!;
      const excess = Math.abs(got - numeric) - (atol + rtol * Math.abs(numeric));
      if (Number.isNaN(got) || Number.isNaN(numeric) || excess > worst) {
        worst = Number.isNaN(got) || Number.isNaN(numeric) ? Number.POSITIVE_INFINITY : excess;
        report = `input ${argIndex}, element ${j}: autograd ${got}, finite differences ${numeric}`;
      }
    }
  });
  const ok = worst <= 0 || argnums.length === 0;
  return { ok, worstExcess: worst, message: ok ? 'gradients match' : `gradcheck failed at ${report}` };
}

/** gradcheck that throws with the worst mismatch. */
export function assertGradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): void {
  const result = gradcheck(fn, inputs, options);
  if (!result.ok) throw new Error(result.message);
}
