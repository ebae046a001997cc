import type { Iterations } from '../cases/registry.js';
import { isTimed, type SystemRun, type Timed } from '../results.js';
import { type Summary, summarize } from '../stats.js';
import { formatIterations } from './format.js';

/** What a system has for one variant: a timing, the reason it could not run, or nothing (no implementation). */
export type Cell =
  | { kind: 'timed'; summary: Summary; timed: Timed }
  | { kind: 'failed'; reason: string }
  | { kind: 'absent' };

export function cellOf(run: SystemRun, caseId: string, variantId: string): Cell {
  if (run.unavailable !== undefined) return { kind: 'failed', reason: run.unavailable };
  const m = run.measurements.find((x) => x.caseId === caseId && x.variantId === variantId);
  if (m === undefined) return { kind: 'absent' };
  return isTimed(m)
    ? { kind: 'timed', summary: summarize(m.samples), timed: m }
    : { kind: 'failed', reason: m.unavailable };
}

/** Why a figure rests on fewer iterations than planned, or undefined when it does not. */
export function overBudget(timed: Timed, planned: Iterations): string | undefined {
  if (timed.coldOnly) return 'one call, the first (cold) one: it alone took longer than the time budget per variant';
  const { warmup, reps, inner } = timed.iterations;
  if (warmup === planned.warmup && reps === planned.reps && inner === planned.inner) return undefined;
  return `over the time budget per variant, so ${formatIterations(timed.iterations)} (warm-up, reps × calls) instead of ${formatIterations(planned)}`;
}
