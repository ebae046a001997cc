import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PlanItem } from '../cases/plan.js';
import type { SystemRun } from '../results.js';
import type { SystemInfo } from '../systems/registry.js';
import { runTorch } from '../systems/torch/run-python.js';
import { runNodeSystem } from './node-runner.js';

/** Where Node systems run: each in its own child process (per-system RSS), or in this one (tests). */
export type Isolation = 'child-process' | 'in-process';

/** A runner that has not answered by then is killed and reported (a hung library must not hang the bench). */
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));

function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

function runInChild(system: SystemInfo, plan: readonly PlanItem[]): Promise<SystemRun> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  return new Promise((resolve) => {
    const child = fork(childEntry, [system.id, JSON.stringify(plan)], {
      execArgv: ['--import', tsxLoader(), '--conditions=source'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      timeout: CHILD_TIMEOUT_MS,
    });
    let stderr = '';
    let result: SystemRun | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message) => {
      result = message as SystemRun;
    });
    child.on('close', (code, signal) => {
      if (result !== undefined) return resolve(result);
      const lastLine =
        stderr
          .trim()
          .split('\n')
          .filter((line) => line.trim() !== '')
          .at(-1) ?? '';
      resolve({
        system: system.id,
        version: '',
        threads: '',
        peakRssKiB: null,
        loadAtStart,
        seconds: (performance.now() - started) / 1000,
        unavailable: `the runner process ended (${signal ?? `exit code ${code}`}) without a result: ${lastLine.slice(0, 300)}`,
        measurements: [],
      });
    });
  });
}

/** Measure the plan on one system. */
export function runSystem(system: SystemInfo, plan: readonly PlanItem[], isolation: Isolation): Promise<SystemRun> {
  if (system.runner === 'python') return runTorch(system.id, system.threads, plan);
  return isolation === 'child-process' ? runInChild(system, plan) : runNodeSystem(system.id, system.load, plan);
}
