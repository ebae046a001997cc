import type { Tensor } from '@shinkei/core-tensor';
import { assertGradcheck, Generator, noGrad, randn, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { ElmanCell } from '../src/cells/elman-cell.js';
import { GRUCell } from '../src/cells/gru-cell.js';
import { LSTMCell } from '../src/cells/lstm-cell.js';
import type { RecurrentCell } from '../src/cells/recurrent-cell.js';
import { Elman } from '../src/layers/elman.js';
import { GRU } from '../src/layers/gru.js';
import { LSTM } from '../src/layers/lstm.js';

const T = 5;
const B = 2;
const I = 3;
const H = 4;

/** L = Σₜ ⟨wₜ, hₜ⟩ over 5 unrolled steps from the state `initial` (fixed weights w, so every step's hₜ matters). */
function unrolledLoss(cell: RecurrentCell<any>, xs: Tensor, initial: Tensor[]): Tensor {
  const weights = tensor(
    Array.from({ length: T * B * H }, (_, i) => Math.sin(0.7 * i) + 0.2),
    { dtype: 'float64' },
  ).reshape([T, B, H]);
  const steps = Array.from({ length: T }, (_, t) => xs.narrow(0, t, 1).reshape([B, I]));
  const step = cell.stepper(steps[0]!);
  let state = cell.stateFromTensors(initial);
  let loss = tensor(0, { dtype: 'float64' });
  steps.forEach((x, t) => {
    state = step(x, state);
    loss = loss.add(
      cell
        .hidden(state)
        .mul(weights.narrow(0, t, 1).reshape([B, H]))
        .sum(),
    );
  });
  return loss;
}

/** Central differences on every parameter of `cell` (float64) against autograd's `.grad`. */
function expectParameterGradients(cell: RecurrentCell<any>, loss: () => Tensor): void {
  cell.zeroGrad();
  loss().backward();
  const eps = 1e-6;
  for (const [name, p] of cell.namedParameters()) {
    for (let i = 0; i < p.size; i++) {
      const original = p.data[i]!;
      p.data[i] = original + eps;
      const plus = noGrad(loss).item();
      p.data[i] = original - eps;
      const minus = noGrad(loss).item();
      p.data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = p.grad!.data[i]!;
      expect(Math.abs(analytic - numeric), `${name}[${i}]: autograd ${analytic}, numeric ${numeric}`).toBeLessThan(
        1e-7 + 1e-5 * Math.abs(numeric),
      );
    }
  }
}

describe('BPTT gradients over 5 unrolled steps match finite differences (float64)', () => {
  const cases: [string, () => RecurrentCell<any>, number][] = [
    ['ElmanCell (tanh)', () => new ElmanCell(I, H, { dtype: 'float64', generator: new Generator(1) }), 1],
    [
      'ElmanCell (sigmoid, no bias)',
      () => new ElmanCell(I, H, { dtype: 'float64', activation: 'sigmoid', bias: false, generator: new Generator(2) }),
      1,
    ],
    [
      'LSTMCell (forget bias 1)',
      () => new LSTMCell(I, H, { dtype: 'float64', forgetBias: 1, generator: new Generator(3) }),
      2,
    ],
    ['GRUCell', () => new GRUCell(I, H, { dtype: 'float64', generator: new Generator(4) }), 1],
    ['LSTMCell (no bias)', () => new LSTMCell(I, H, { dtype: 'float64', bias: false, generator: new Generator(5) }), 2],
    ['GRUCell (no bias)', () => new GRUCell(I, H, { dtype: 'float64', bias: false, generator: new Generator(6) }), 1],
  ];
  for (const [name, make, stateCount] of cases) {
    it(`${name}: inputs and initial state`, () => {
      const g = new Generator(11);
      const cell = make();
      const xs = randn([T, B, I], { generator: g, dtype: 'float64' });
      const initial = Array.from({ length: stateCount }, () => randn([B, H], { generator: g, dtype: 'float64' }));
      assertGradcheck((x, ...s) => unrolledLoss(cell, x, s), [xs, ...initial]);
    });

    it(`${name}: every parameter`, () => {
      const g = new Generator(12);
      const cell = make();
      const xs = randn([T, B, I], { generator: g, dtype: 'float64' });
      const initial = Array.from({ length: stateCount }, () =>
        randn([B, H], { generator: g, dtype: 'float64' }).mul(0.5),
      );
      expectParameterGradients(cell, () => unrolledLoss(cell, xs, initial));
    });
  }

  it('layers (2 layers, bidirectional): input and initial states', () => {
    const g = new Generator(13);
    const options = { dtype: 'float64' as const, numLayers: 2, bidirectional: true, generator: g };
    const x = randn([T, B, I], { generator: g, dtype: 'float64' });
    const state = (): Tensor => randn([4, B, H], { generator: g, dtype: 'float64' });
    const elman = new Elman(I, H, options);
    assertGradcheck((input, h0) => elman.forward(input, h0)[0].square().sum(), [x, state()]);
    const lstm = new LSTM(I, H, options);
    assertGradcheck(
      (input, h0, c0) => {
        const [output, hN, cN] = lstm.forward(input, h0, c0);
        return output.square().sum().add(hN.sum()).add(cN.sum());
      },
      [x, state(), state()],
    );
    const gru = new GRU(I, H, options);
    assertGradcheck((input, h0) => gru.forward(input, h0)[1].sum(), [x, state()]);
  });
});
