import { loadavg } from 'node:os';
import { buildPlan } from '../cases/plan.js';
import type { BenchCase } from '../cases/registry.js';
import { cases as allCases } from '../cases/registry.js';
import { describeMachine, type MachineInfo } from '../machine.js';
import type { SystemRun } from '../results.js';
import type { SystemInfo, SystemLabel } from '../systems/registry.js';
import { systems as allSystems } from '../systems/registry.js';
import { type Isolation, runSystem } from './execute.js';

export interface BenchOptions {
  quick: boolean;
  /** Case ids to run (all when undefined). */
  only?: readonly string[] | undefined;
  /** Systems to run (all registered ones by default). */
  systems?: readonly SystemInfo[];
  isolation?: Isolation;
  /** The command line, as the report should show it. */
  command?: string;
  /** Progress lines (one per system). */
  log?: (line: string) => void;
}

/** Everything BENCHMARKS.md is written from. */
export interface BenchReport {
  date: string;
  quick: boolean;
  command: string;
  machine: MachineInfo;
  cases: readonly BenchCase[];
  systems: readonly SystemLabel[];
  runs: readonly SystemRun[];
  /** 1, 5 and 15-minute load averages when the bench ended. */
  loadAfter: number[];
  seconds: number;
}

/** Run the selected cases on every system, one system after the other. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const date = new Date().toISOString();
  const machine = describeMachine();
  const cases = options.only === undefined ? allCases : allCases.filter((c) => options.only?.includes(c.id));
  const plan = buildPlan(cases, options.quick);
  const systems = options.systems ?? allSystems;
  const runs: SystemRun[] = [];
  for (const system of systems) {
    options.log?.(`${system.label}: running ${plan.length} variant(s)…`);
    const run = await runSystem(system, plan, options.isolation ?? 'child-process');
    runs.push(run);
    options.log?.(
      `${system.label}: ${run.unavailable === undefined ? `done in ${run.seconds.toFixed(1)} s` : `not available (${run.unavailable})`}`,
    );
  }
  return {
    date,
    quick: options.quick,
    command: options.command ?? 'pnpm bench',
    machine,
    cases,
    systems: systems.map(({ id, label }) => ({ id, label })),
    runs,
    loadAfter: loadavg(),
    seconds: (performance.now() - started) / 1000,
  };
}
