/** The PyTorch golden fixture of fixtures/optim (written by fixtures/optim/generate.py). */
import { readFileSync } from 'node:fs';
import type { FloatDType } from '../../src/dtype.js';
import type { Tensor } from '../../src/index.js';
import { tensor } from '../../src/index.js';

export interface OptimizerCase {
  kind: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad';
  options: Record<string, unknown>;
  trajectory: { w: number[]; b: number[] }[];
}

export interface SchedulerCase {
  kind: string;
  optimizer?: 'adam';
  options: Record<string, unknown>;
  lr: number[];
  momentum: number[];
}

interface Golden {
  problem: { A: number[][]; C: number[][]; w0: number[][]; b0: number[] };
  optimizers: Record<string, OptimizerCase>;
  schedulers: Record<string, SchedulerCase>;
}

export const golden = JSON.parse(
  readFileSync(new URL('../../fixtures/optim/golden.json', import.meta.url), 'utf8'),
) as Golden;

/** The fixture's parameters w [2,3] and b [3], fresh, as leaves that require grad. */
export function problemParams(dtype: FloatDType): { w: Tensor; b: Tensor } {
  return {
    w: tensor(golden.problem.w0, { dtype, requiresGrad: true }),
    b: tensor(golden.problem.b0, { dtype, requiresGrad: true }),
  };
}

/** L = Σ(½·A·w² + C·w + ¼·w⁴) + Σ((b − 1)²·A₀), as in generate.py. */
export function problemLoss(w: Tensor, b: Tensor): Tensor {
  const a = tensor(golden.problem.A, { dtype: w.dtype });
  const c = tensor(golden.problem.C, { dtype: w.dtype });
  const a0 = tensor(golden.problem.A[0]!, { dtype: w.dtype });
  const quartic = a.mul(w.square()).mul(0.5).add(c.mul(w)).add(w.pow(4).mul(0.25)).sum();
  return quartic.add(b.sub(1).square().mul(a0).sum());
}
