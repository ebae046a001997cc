import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/index.js';
import { clipGradNorm, clipGradValue } from '../../src/optim/index.js';

function withGrads(...grads: number[][]) {
  return grads.map((g) => {
    const p = tensor(
      g.map(() => 0),
      { requiresGrad: true },
    );
    p.grad = tensor(g);
    return p;
  });
}

describe('clipGradNorm', () => {
  it('returns the joint 2-norm and rescales to maxNorm', () => {
    const params = withGrads([3, 0], [0, 4]);
    expect(clipGradNorm(params, 1)).toBeCloseTo(5, 6);
    const scale = 1 / (5 + 1e-6);
    expect(params[0]!.grad!).toBeAllClose([3 * scale, 0]);
    expect(params[1]!.grad!).toBeAllClose([0, 4 * scale]);
  });

  it('leaves gradients alone when the norm is below maxNorm', () => {
    const params = withGrads([0.3, 0.4]);
    expect(clipGradNorm(params, 1)).toBeCloseTo(0.5, 6);
    expect(params[0]!.grad!).toBeAllClose([0.3, 0.4]);
  });

  it('supports the 1-norm and the max norm, and skips parameters without gradients', () => {
    const [a, b] = withGrads([1, -2], [3]);
    const none = tensor([1], { requiresGrad: true });
    expect(clipGradNorm([a!, b!, none], 100, 1)).toBeCloseTo(6, 6);
    expect(clipGradNorm([a!, b!], 1.5, Number.POSITIVE_INFINITY)).toBeCloseTo(3, 6);
    expect(b!.grad!).toBeAllClose([1.5], { rtol: 1e-5 });
  });
});

describe('clipGradValue', () => {
  it('clamps every element into [−c, c]', () => {
    const [p] = withGrads([-3, 0.5, 2]);
    clipGradValue([p!], 1);
    expect(p!.grad!).toBeAllClose([-1, 0.5, 1]);
  });
});
