import type { Tensor } from '@shinkei/core-tensor';
import { AutogradError, assertGradcheck, Generator, gradients, randn, ShapeError, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { gruPointwise, gruStateUpdate } from '../src/cells/fused/gru-pointwise.js';
import { lstmPointwise, lstmStateUpdate } from '../src/cells/fused/lstm-pointwise.js';

type Dtype = 'float32' | 'float64';

/** The LSTM update op by op, as the cell computed it before the fused kernels (gate order i, f, g, o). */
function lstmReference(pre: Tensor, c: Tensor): [Tensor, Tensor] {
  const [ai, af, ag, ao] = pre.split(pre.shape.at(-1)! / 4, -1) as [Tensor, Tensor, Tensor, Tensor];
  const cell = af.sigmoid().mul(c).add(ai.sigmoid().mul(ag.tanh()));
  return [ao.sigmoid().mul(cell.tanh()), cell];
}

/** The GRU update op by op (a = [a_r, a_z, a_in, a_hn]): n = tanh(a_in + r ⊙ a_hn), h = n + z ⊙ (h₋₁ − n). */
function gruReference(pre: Tensor, h: Tensor): Tensor {
  const [ar, az, ain, ahn] = pre.split(pre.shape.at(-1)! / 4, -1) as [Tensor, Tensor, Tensor, Tensor];
  const candidate = ain.add(ar.sigmoid().mul(ahn)).tanh();
  return candidate.add(az.sigmoid().mul(h.sub(candidate)));
}

/** Gate pre-activations [1, B, 4H] spread over the saturating range, and a state [1, B, H]. */
function inputs(seed: number, dtype: Dtype, B = 5, H = 3): [Tensor, Tensor] {
  const g = new Generator(seed);
  return [randn([1, B, 4 * H], { generator: g, dtype }).mul(3), randn([1, B, H], { generator: g, dtype })];
}

/** L = Σ ⟨wₖ, outₖ⟩ with fixed weights, so every output element carries its own cotangent. */
function weightedSum(outputs: readonly Tensor[]): Tensor {
  return outputs
    .map((t, k) =>
      t
        .mul(
          tensor(
            Array.from({ length: t.size }, (_, i) => Math.sin(0.9 * i + k) + 0.3),
            { dtype: t.dtype },
          ).reshape(t.shape),
        )
        .sum(),
    )
    .reduce((a, b) => a.add(b));
}

/** ∂L/∂(pre, state) through `update` for L = weightedSum(update(pre, state)). */
function gradientsThrough(update: (pre: Tensor, s: Tensor) => Tensor[], pre: Tensor, state: Tensor): Tensor[] {
  const [p, s] = [pre.detach().requiresGrad_(), state.detach().requiresGrad_()];
  return gradients(weightedSum(update(p, s)), [p, s]);
}

const cells = [
  {
    name: 'LSTM',
    fused: (pre: Tensor, c: Tensor) => lstmStateUpdate(pre, c),
    reference: lstmReference,
    op: lstmPointwise,
  },
  {
    name: 'GRU',
    fused: (pre: Tensor, h: Tensor) => [gruStateUpdate(pre, h)],
    reference: (pre: Tensor, h: Tensor) => [gruReference(pre, h)],
    op: gruPointwise,
  },
];

describe.each(cells)('the fused $name cell', ({ fused, reference, op }) => {
  it('gives the op-by-op values (float64 to rounding, float32 to its precision)', () => {
    for (const [dtype, tolerance] of [
      ['float64', 1e-14],
      ['float32', 1e-6],
    ] as const) {
      const [pre, state] = inputs(1, dtype);
      const got = fused(pre, state);
      const expected = reference(pre, state);
      got.forEach((t, k) => {
        expect(t.dtype).toBe(dtype);
        expect(t).toBeAllClose(expected[k]!, { rtol: tolerance, atol: tolerance });
      });
    }
  });

  it('gives the op-by-op gradients for the pre-activations and the state', () => {
    for (const [dtype, tolerance] of [
      ['float64', 1e-13],
      ['float32', 1e-5],
    ] as const) {
      const [pre, state] = inputs(2, dtype);
      const got = gradientsThrough(fused, pre, state);
      const expected = gradientsThrough(reference, pre, state);
      got.forEach((t, k) => {
        expect(t).toBeAllClose(expected[k]!, { rtol: tolerance, atol: tolerance });
      });
    }
  });

  it('passes gradcheck: its state outputs, and every output of the op (the saved activations too)', () => {
    const [pre, state] = inputs(3, 'float64', 3, 2);
    assertGradcheck((p, s) => weightedSum(fused(p!, s!)), [pre, state]);
    assertGradcheck((p, s) => weightedSum(op.apply([p!, s!])), [pre, state]);
    assertGradcheck((p, s) => op.apply([p!, s!]).at(-1)!.square(), [pre, state]); // the activations alone
  });

  it('its outputs share one autograd node (one backward kernel a step, for all their gradients)', () => {
    const [pre, state] = inputs(8, 'float64');
    const p = pre.detach().requiresGrad_();
    const outputs = op.apply([p, state]);
    const node = outputs[0]!.gradNode!;
    expect(outputs.every((t) => t.gradNode === node)).toBe(true);
    expect(node.op.name).toBe(op.name);
  });

  it('skips the state gradient when the state needs none (the zero initial state)', () => {
    const [pre, state] = inputs(4, 'float64');
    const p = pre.detach().requiresGrad_();
    const [grad] = gradients(weightedSum(fused(p, state)), [p]);
    expect(grad).toBeAllClose(gradientsThrough(reference, pre, state)[0]!, { rtol: 1e-13, atol: 1e-13 });
  });

  it('works on [B, 4H] as on [1, B, 4H] and promotes a float32 state to float64 pre-activations', () => {
    const [pre, state] = inputs(5, 'float64');
    const flat = fused(pre.reshape([5, -1]), state.reshape([5, -1]).float());
    flat.forEach((t, k) => {
      expect(t.dtype).toBe('float64');
      expect(t.reshape([1, 5, 3])).toBeAllClose(reference(pre, state.float().double())[k]!, { rtol: 1e-13 });
    });
  });

  it('refuses shapes that do not fit [..., 4H] and [..., H]', () => {
    const [pre, state] = inputs(6, 'float32');
    expect(() => fused(pre.narrow(-1, 0, 10), state)).toThrow(ShapeError);
    expect(() => fused(pre, state.narrow(1, 0, 4))).toThrow(/leading dims/);
  });

  it('throws a clear AutogradError on double backward instead of a silent zero', () => {
    const [pre, state] = inputs(7, 'float64');
    const p = pre.detach().requiresGrad_();
    const [first] = gradients(weightedSum(fused(p, state)), [p], undefined, { createGraph: true });
    expect(() => gradients(first!.square().sum(), [p])).toThrow(AutogradError);
    expect(() => gradients(first!.square().sum(), [p])).toThrow(/double backward through the fused (LSTM|GRU) cell/);
  });
});
