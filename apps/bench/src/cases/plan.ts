import type { BenchCase, CaseId, CaseParams, Iterations } from './registry.js';

/** One variant to measure, with its iteration counts: handed as-is to every runner (JSON, also to Python). */
export interface PlanItem<C extends CaseId = CaseId> {
  caseId: C;
  variantId: string;
  params: CaseParams[C];
  iterations: Iterations;
  /** Seconds one system may spend on this variant (see `measure`). */
  budgetSeconds: number;
}

/** Time budget per variant and system: full runs, quick runs. */
export const BUDGET_SECONDS = { full: 60, quick: 15 } as const;

/** Quick runs (CI smoke): one warm-up call, three repetitions, an eighth of the inner calls. */
export function quickIterations(full: Iterations): Iterations {
  return { warmup: 1, reps: 3, inner: Math.max(1, Math.ceil(full.inner / 8)) };
}

/** The measurable variants of the selected cases (cases marked unavailable are left out). */
export function buildPlan(selected: readonly BenchCase[], quick: boolean): PlanItem[] {
  return selected
    .filter((c) => c.unavailable === undefined)
    .flatMap((c) =>
      c.variants.map(
        (v): PlanItem => ({
          caseId: c.id,
          variantId: v.id,
          params: v.params,
          iterations: quick ? quickIterations(v.full) : v.full,
          budgetSeconds: quick ? BUDGET_SECONDS.quick : BUDGET_SECONDS.full,
        }),
      ),
    );
}
