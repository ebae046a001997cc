import { Generator } from '@shinkei/core-tensor';
import { compileValueAndGrad } from '@shinkei/core-tensor/ort';
import { describe, expect, it } from 'vitest';
import { dataDependentControlFlow } from '../../src/experiments/components/data-dependent-trace.js';
import type { Compile } from '../../src/experiments/components/graph-agreement.js';
import { dynamicStaticGraphs } from '../../src/experiments/index.js';
import { expectAllClaimsHold, quick } from './claims.js';

/** The loop and branch nets on inputs of scale 0.01 and 1, traced with `compile`. */
const controlFlowWith = (compile: Compile) =>
  dataDependentControlFlow(
    { inputs: 10, width: 8, classes: 4 },
    [0.01, 1],
    { threshold: 0.01, maxSteps: 50 },
    new Generator(0),
    compile,
  );

describe('experiment at quick size: §6.1.2 dynamic and static graphs', () => {
  it('same gradients and loss curve both ways; data-dependent control flow refused by the tracer; one graph per batch shape', async () => {
    const r = await dynamicStaticGraphs(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.maxGradientRelativeError).toBeLessThan(1e-4);
    expect(r.metrics.maxLossRelativeError).toBeLessThan(1e-4);
    expect(r.metrics.nets).toBe(12);
    expect(r.metrics.trajectoryRelativeGap).toBeLessThan(1e-4);
    expect(r.metrics.staticFinalLoss).toBeLessThan(2); // the digits run learns (ln 10 ≈ 2.30 at the start)
    expect(r.metrics.staticGraphs).toBe(2); // batches of 32 and the remainder of 4
    expect(r.metrics.loopDepthMax).toBeGreaterThan(r.metrics.loopDepthMin!);
    for (const key of ['stepMsEagerJs', 'stepMsEagerOrt', 'stepMsStatic', 'staticFirstStepMs'])
      expect(r.metrics[key], key).toBeGreaterThan(0);
    const refusals = r.figures.find((f) => f.kind === 'text');
    expect(refusals?.kind === 'text' && refusals.text).toMatch(/reads the values of a traced tensor with item\(\)/);
  });

  it('counts a static graph that does not refuse data-dependent control flow as a failure', () => {
    const permissive: Compile = () => Object.assign(() => null as never, { graphs: 1 });
    const outcome = controlFlowWith(permissive);
    expect(outcome.loopRefusal).toMatchObject({ refused: false, namesTheRead: false });
    expect(outcome.branchRefusal).toMatchObject({ refused: true, namesTheRead: true });
    expect(outcome.depths[1]).toBeGreaterThan(outcome.depths[0]!);
  });

  it('the real compileValueAndGrad refuses the loop with a TraceError naming item()', () => {
    const outcome = controlFlowWith(compileValueAndGrad);
    expect(outcome.loopRefusal).toMatchObject({ refused: true, namesTheRead: true });
    expect(outcome.branches).toEqual(['relu', 'tanh']);
  });
});
