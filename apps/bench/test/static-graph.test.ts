import type { Tensor } from '@shinkei/core-tensor';
import { manualSeed } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/cases/plan.js';
import { type CaseParams, cases, lstmTrainCase, mlpTrainCase } from '../src/cases/registry.js';
import { measure } from '../src/measure.js';
import { isTimed } from '../src/results.js';
import { runNodeSystem } from '../src/run/node-runner.js';
import { ortSessionOptions } from '../src/systems/shinkei/backend.js';
import { shinkeiStaticGraph } from '../src/systems/shinkei/static-graph.js';
import { compiledTrainStep, eagerTrainStep } from '../src/systems/shinkei/train-step.js';
import { type TrainingCaseId, type TrainingProblem, trainingCases } from '../src/systems/shinkei/training-problems.js';

/** The problem a shinkei system builds for a training case, from seed 0. */
function problemOf<C extends TrainingCaseId>(caseId: C, params: CaseParams[C]): TrainingProblem {
  manualSeed(0);
  let problem: TrainingProblem | undefined;
  const build = trainingCases((p) => {
    problem = p;
    return () => {};
  })[caseId] as (params: CaseParams[C]) => unknown;
  build(params);
  return problem!;
}

const params = (p: TrainingProblem): Tensor[] => p.model.parameters();
const grads = (p: TrainingProblem): Tensor[] => params(p).map((t) => t.grad!);

/** Small shapes of the training cases, so the eager step and the compiled graph take well under a second. */
const small = [
  ['mlp-train', { optimizer: 'sgd', lr: 0.01, batch: 16 }],
  ['cnn-train', { optimizer: 'sgd', lr: 0.01, batch: 2 }],
  ['lstm-train', { optimizer: 'adam', lr: 1e-3, batch: 4, steps: 6, inputSize: 2, hiddenSize: 16 }],
] as const;

describe('the static-graph training step', () => {
  it.each(small)('%s: computes the eager step’s gradients and makes its update', (caseId, caseParams) => {
    const eager = problemOf(caseId, caseParams);
    const compiled = problemOf(caseId, caseParams);
    eagerTrainStep(eager)();
    compiledTrainStep(compiled, { session: ortSessionOptions }, () => {})();
    // zeroGrad comes first in a step, so .grad still holds the step's gradient
    for (const [i, g] of grads(compiled).entries())
      expect(g).toBeAllClose(grads(eager)[i]!, { rtol: 1e-4, atol: 1e-6 });
    for (const [i, p] of params(compiled).entries())
      expect(p).toBeAllClose(params(eager)[i]!, { rtol: 1e-5, atol: 1e-6 });
    expect(params(compiled)[0]).not.toBeAllClose(params(problemOf(caseId, caseParams))[0]!);
  });

  it('reports its first call (trace, session) once, and measure() spends it in the warm-up', () => {
    const firstCalls: number[] = [];
    const step = compiledTrainStep(problemOf('mlp-train', small[0][1]), { session: ortSessionOptions }, (ms) =>
      firstCalls.push(ms),
    );
    const { samples, iterations } = measure(step, { warmup: 1, reps: 3, inner: 2 });
    expect(firstCalls).toHaveLength(1);
    expect(iterations).toEqual({ warmup: 1, reps: 3, inner: 2 });
    // tracing and creating the session take far longer than a step of this small MLP
    expect(Math.max(...samples) * 1000).toBeLessThan(firstCalls[0]!);
  });
});

describe('the "shinkei, static graph" system', () => {
  it('implements every measurable case: training by compileValueAndGrad, GEMM and inference by exportOnnx', () => {
    const measurable = cases.filter((c) => c.unavailable === undefined).map((c) => c.id);
    expect(Object.keys(shinkeiStaticGraph().cases).sort()).toEqual([...measurable].sort());
  });

  it('measures a training case and notes the one-time compile cost of each variant', async () => {
    const plan = buildPlan(
      [
        { ...mlpTrainCase, variants: mlpTrainCase.variants.map((v) => ({ ...v, params: { ...v.params, batch: 16 } })) },
        {
          ...lstmTrainCase,
          variants: lstmTrainCase.variants.map((v) => ({ ...v, params: { ...v.params, steps: 6 } })),
        },
      ],
      true,
    );
    const run = await runNodeSystem('shinkei-static', shinkeiStaticGraph, plan);
    expect(run.unavailable).toBeUndefined();
    expect(run.threads).toMatch(/^1 JS \+ \d+ ONNX Runtime intra-op$/);
    expect(run.measurements.map((m) => [m.caseId, m.variantId, isTimed(m)])).toEqual([
      ['mlp-train', 'sgd', true],
      ['mlp-train', 'adam', true],
      ['lstm-train', 'adam', true],
    ]);
    const compileNote = run.notes?.find((n) => n.startsWith('one-time compile cost'));
    expect(compileNote).toMatch(
      /MLP training step \(SGD\) \d+\.\d\d s; MLP training step \(Adam\) \d+\.\d\d s; LSTM training step \(Adam\) \d+\.\d\d s$/,
    );
  });
});
