import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PlanItem } from '../../cases/plan.js';
import type { Measurement, SystemRun } from '../../results.js';

/** The committed script that runs the cases in PyTorch and prints JSON. */
export const torchScript = fileURLToPath(new URL('../../../python/torch_bench.py', import.meta.url));

/** Debian's python3 when present (where python3-torch installs), else python3 on the PATH. */
export function pythonExecutable(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

interface ScriptOutput {
  unavailable?: string;
  version?: string;
  threads?: string;
  peakRssKiB?: number;
  notes?: string[];
  measurements?: Measurement[];
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Run the plan in PyTorch as a python3 subprocess, with the machine's environment as it
 * is (`threads` null) or with torch.set_num_threads(threads). A missing python3 or torch
 * makes the system unavailable with the reason, never a failure of the bench.
 */
export async function runTorch(
  systemId: string,
  threads: number | null,
  plan: readonly PlanItem[],
): Promise<SystemRun> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const base = { system: systemId, loadAtStart, version: '', threads: '', peakRssKiB: null, measurements: [] };
  const finish = (run: Partial<SystemRun>): SystemRun => ({
    ...base,
    ...run,
    seconds: (performance.now() - started) / 1000,
  });
  const python = pythonExecutable();
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(python, [torchScript, JSON.stringify({ threads, plan })]);
  } catch (error) {
    return finish({ unavailable: `${python} could not be started (${(error as Error).message})` });
  }
  const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
  let output: ScriptOutput;
  try {
    output = JSON.parse(lastLine) as ScriptOutput;
  } catch {
    const tail = result.stderr.trim().split('\n').at(-1) ?? '';
    return finish({ unavailable: `the PyTorch runner exited with code ${result.code}: ${tail.slice(0, 300)}` });
  }
  if (output.unavailable !== undefined) return finish({ unavailable: output.unavailable });
  return finish({
    version: output.version ?? '',
    threads: output.threads ?? '',
    peakRssKiB: output.peakRssKiB ?? null,
    notes: output.notes ?? [],
    measurements: output.measurements ?? [],
  });
}
