import { loadavg } from 'node:os';
import type { PlanItem } from '../cases/plan.js';
import type { CaseId, CaseParams } from '../cases/registry.js';
import { measure, type Step } from '../measure.js';
import type { Measurement, SystemRun } from '../results.js';
import type { CaseImplementations, NodeSystem } from '../systems/node-system.js';

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}

function stepFor<C extends CaseId>(cases: CaseImplementations, item: PlanItem<C>): Step | undefined {
  const build = cases[item.caseId] as ((params: CaseParams[C]) => Step) | undefined;
  return build?.(item.params);
}

/**
 * Measure every planned variant the system implements, in this process. A variant that
 * throws is reported with its error; variants the system has no implementation of are
 * left out. Peak RSS is this process's (run it in a child process to get it per system).
 */
export async function runNodeSystem(
  systemId: string,
  load: () => NodeSystem | Promise<NodeSystem>,
  plan: readonly PlanItem[],
): Promise<SystemRun> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const finish = (
    run: Pick<SystemRun, 'version' | 'threads' | 'measurements' | 'unavailable' | 'notes'>,
  ): SystemRun => ({
    system: systemId,
    ...run,
    peakRssKiB: process.resourceUsage().maxRSS,
    loadAtStart,
    seconds: (performance.now() - started) / 1000,
  });
  let system: NodeSystem;
  try {
    system = await load();
  } catch (error) {
    return finish({ version: '', threads: '', measurements: [], unavailable: describeError(error) });
  }
  const measurements: Measurement[] = [];
  for (const item of plan) {
    const { caseId, variantId } = item;
    try {
      const step = stepFor(system.cases, item);
      if (step !== undefined)
        measurements.push({ caseId, variantId, ...measure(step, item.iterations, item.budgetSeconds) });
    } catch (error) {
      measurements.push({ caseId, variantId, unavailable: describeError(error) });
    }
  }
  return finish({ version: system.version, threads: system.threads, notes: system.notes?.() ?? [], measurements });
}
