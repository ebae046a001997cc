import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { tensor } from '../../src/index.js';
import type { AnyOptimizer } from '../../src/optim/index.js';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '../../src/optim/index.js';
import { golden, problemLoss, problemParams } from './golden.js';

function make(kind: string, params: Tensor[], options: Record<string, unknown>): AnyOptimizer {
  switch (kind) {
    case 'SGD':
      return new SGD(params, options as { lr: number });
    case 'Adam':
      return new Adam(params, options);
    case 'AdamW':
      return new AdamW(params, options);
    case 'RMSprop':
      return new RMSprop(params, options);
    case 'Adagrad':
      return new Adagrad(params, options);
    default:
      throw new Error(`unknown optimizer ${kind}`);
  }
}

/** Minimise ½w² (gradient w) from w = 1 and return w after each step. */
function quadraticTrajectory(optimizer: (w: Tensor) => AnyOptimizer, steps: number): number[] {
  const w = tensor([1], { dtype: 'float64', requiresGrad: true });
  const opt = optimizer(w);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    w.square().mul(0.5).sum().backward();
    opt.step();
    out.push(w.item());
  }
  return out;
}

describe('optimizers follow the hand-computed update on ½w² from w = 1 (gradient g = w)', () => {
  it('SGD: w ← w − ηg', () => {
    expect(quadraticTrajectory((w) => new SGD([w], { lr: 0.1 }), 3)).toBeAllClose([0.9, 0.81, 0.729], { rtol: 1e-14 });
  });

  it('SGD momentum: b ← μb + g, w ← w − ηb', () => {
    // b₁ = 1, w₁ = 0.9; b₂ = 0.9 + 0.9 = 1.8, w₂ = 0.72; b₃ = 1.62 + 0.72 = 2.34, w₃ = 0.486
    expect(quadraticTrajectory((w) => new SGD([w], { lr: 0.1, momentum: 0.9 }), 3)).toBeAllClose([0.9, 0.72, 0.486], {
      rtol: 1e-14,
    });
  });

  it('SGD Nesterov: w ← w − η(g + μb)', () => {
    // b₁ = 1, w₁ = 1 − 0.1·1.9 = 0.81; b₂ = 0.9 + 0.81 = 1.71, w₂ = 0.81 − 0.1·(0.81 + 1.539) = 0.5751
    expect(quadraticTrajectory((w) => new SGD([w], { lr: 0.1, momentum: 0.9, nesterov: true }), 2)).toBeAllClose(
      [0.81, 0.5751],
      {
        rtol: 1e-14,
      },
    );
  });

  it('SGD weight decay: g ← g + λw', () => {
    expect(quadraticTrajectory((w) => new SGD([w], { lr: 0.1, weightDecay: 0.5 }), 2)).toBeAllClose([0.85, 0.7225], {
      rtol: 1e-14,
    });
  });

  it('Adam: bias-corrected moments, w ← w − η m̂/(√v̂ + ε)', () => {
    const [b1, b2, lr, eps] = [0.9, 0.999, 0.1, 1e-8];
    let w = 1;
    let m = 0;
    let v = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 4; t++) {
      const g = w;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      expected.push(w);
    }
    expect(expected[0]).toBeCloseTo(0.9, 7); // the first step moves by η·sign(g)
    expect(quadraticTrajectory((p) => new Adam([p], { lr }), 4)).toBeAllClose(expected, { rtol: 1e-12 });
  });

  it('AdamW: decoupled decay w ← w(1 − ηλ) before the Adam step', () => {
    // w₁ = 1·(1 − 0.1·0.1) − 0.1·1/(1 + 1e-8) ≈ 0.89
    expect(quadraticTrajectory((w) => new AdamW([w], { lr: 0.1, weightDecay: 0.1 }), 1)).toBeAllClose(
      [0.99 - 0.1 / (1 + 1e-8)],
      {
        rtol: 1e-14,
      },
    );
  });

  it('RMSprop: s ← αs + (1 − α)g², w ← w − ηg/(√s + ε)', () => {
    // s₁ = 0.01, w₁ = 1 − 0.01·1/(0.1 + 1e-8)
    const w1 = 1 - 0.01 / (0.1 + 1e-8);
    const s2 = 0.99 * 0.01 + 0.01 * w1 * w1;
    const w2 = w1 - (0.01 * w1) / (Math.sqrt(s2) + 1e-8);
    expect(quadraticTrajectory((w) => new RMSprop([w], { lr: 0.01 }), 2)).toBeAllClose([w1, w2], { rtol: 1e-14 });
  });

  it('Adagrad: G ← G + g², w ← w − ηg/(√G + ε)', () => {
    const w1 = 1 - 0.1 / (1 + 1e-10);
    const w2 = w1 - (0.1 * w1) / (Math.sqrt(1 + w1 * w1) + 1e-10);
    expect(quadraticTrajectory((w) => new Adagrad([w], { lr: 0.1 }), 2)).toBeAllClose([w1, w2], { rtol: 1e-14 });
  });
});

describe('optimizers match PyTorch trajectories (fixtures/optim/golden.json)', () => {
  for (const [name, spec] of Object.entries(golden.optimizers)) {
    for (const dtype of ['float64', 'float32'] as const) {
      it(`${name} (${dtype})`, () => {
        const { w, b } = problemParams(dtype);
        const opt = make(spec.kind, [w, b], spec.options);
        const tol = dtype === 'float64' ? { rtol: 1e-11, atol: 1e-13 } : { rtol: 2e-5, atol: 1e-6 };
        for (const step of spec.trajectory) {
          opt.zeroGrad();
          problemLoss(w, b).backward();
          opt.step();
          expect(w).toBeAllClose(step.w, tol);
          expect(b).toBeAllClose(step.b, tol);
        }
      });
    }
  }
});

describe('parameter groups and bookkeeping', () => {
  it('applies per-group hyperparameters over the defaults', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new SGD([{ params: [a], lr: 0.5 }, { params: [b] }], { lr: 0.1 });
    a.mul(2).sum().backward();
    b.mul(2).sum().backward();
    opt.step();
    expect(a.item()).toBeCloseTo(0, 6);
    expect(b.item()).toBeCloseTo(0.8, 6);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.5, 0.1]);
  });

  it('skips parameters without a gradient and bumps the version of updated ones', () => {
    const a = tensor([1], { requiresGrad: true });
    const frozen = tensor([1], { requiresGrad: true });
    const opt = new Adam([a, frozen]);
    a.sum().backward();
    const version = a.version;
    opt.step();
    expect(frozen.item()).toBe(1);
    expect(a.item()).toBeLessThan(1);
    expect(a.version).toBe(version + 1);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('refuses bad inputs with clear errors', () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new SGD([], { lr: 0.1 })).toThrow(/empty parameter list/);
    expect(() => new SGD([p, p], { lr: 0.1 })).toThrow(/more than one group/);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/lr must be ≥ 0, got -1/);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/Nesterov momentum needs momentum > 0/);
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow(/betas\[0\] must be in \[0, 1\)/);
    expect(() => new SGD([p.mul(2)], { lr: 0.1 })).toThrow(/leaf tensors/);
    expect(() => new SGD([tensor([1], { dtype: 'int32' })], { lr: 0.1 })).toThrow(/float tensors/);
  });

  it('an undefined option keeps the default', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new SGD([{ params: [p], momentum: undefined }], { lr: 0.1, momentum: undefined, nesterov: undefined });
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0, nesterov: false });
  });

  it('addParamGroup adds parameters with the defaults', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new SGD([a], { lr: 0.1, momentum: 0.9 });
    opt.addParamGroup({ params: [b], lr: 0.01 });
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.01, momentum: 0.9 });
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(/more than one group/);
  });
});
