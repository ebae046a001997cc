import type { Iterations } from './cases/registry.js';

/** One call of the work being measured; it must finish its work before returning. */
export type Step = () => void;

export interface Measured {
  /** Seconds per call, one per timed repetition. */
  samples: number[];
  /** The iterations actually run (fewer than planned when the time budget ran out). */
  iterations: Iterations;
  /** The only sample is the first, cold call, which alone took longer than the budget. */
  coldOnly: boolean;
}

/**
 * Seconds per call of `step`: `warmup` untimed calls (so V8 and the libraries reach their
 * steady state), then `reps` repetitions of `inner` calls each, one sample
 * (elapsed / inner) per repetition. A system too slow for the plan stays within
 * `budgetSeconds`: warm-up stops after half the budget, a repetition is cut to the calls
 * that fit, and no repetition starts once the budget is spent (at least one is kept);
 * if the first call alone overruns the budget, it is the only sample. The Python
 * runner uses the same loop.
 */
export function measure(step: Step, planned: Iterations, budgetSeconds = Number.POSITIVE_INFINITY): Measured {
  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  let warmup = 0;
  let perCall = 0;
  while (warmup < planned.warmup) {
    const callStart = performance.now();
    step();
    warmup++;
    perCall = (performance.now() - callStart) / 1000;
    if (warmup === 1 && perCall > budgetSeconds) {
      return { samples: [perCall], iterations: { warmup: 0, reps: 1, inner: 1 }, coldOnly: true };
    }
    if (elapsed() > budgetSeconds / 2) break;
  }
  const remaining = budgetSeconds - elapsed();
  const inner = perCall * planned.inner > remaining ? Math.max(1, Math.floor(remaining / perCall)) : planned.inner;
  const samples: number[] = [];
  while (samples.length < planned.reps && (samples.length === 0 || elapsed() < budgetSeconds)) {
    const repStart = performance.now();
    for (let i = 0; i < inner; i++) step();
    samples.push((performance.now() - repStart) / 1000 / inner);
  }
  return { samples, iterations: { warmup, reps: samples.length, inner }, coldOnly: false };
}
