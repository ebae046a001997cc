import type { Tensor } from '@shinkei/core-tensor';
import { cat, eye, Generator, gradients, noGrad, randn, ShapeError } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { ElmanCell } from '../src/cells/elman-cell.js';
import { GRUCell } from '../src/cells/gru-cell.js';
import { LSTMCell } from '../src/cells/lstm-cell.js';
import { Elman } from '../src/layers/elman.js';
import { GRU } from '../src/layers/gru.js';
import { LSTM } from '../src/layers/lstm.js';

const g = new Generator(5);

describe('layer shapes and states', () => {
  it('output [T, B, D·H] and final states [L·D, B, H] for every layout', () => {
    for (const bidirectional of [false, true]) {
      for (const batchFirst of [false, true]) {
        const options = { numLayers: 3, bidirectional, batchFirst, generator: g };
        const D = bidirectional ? 2 : 1;
        const x = randn(batchFirst ? [2, 7, 3] : [7, 2, 3], { generator: g });
        const outShape = batchFirst ? [2, 7, D * 4] : [7, 2, D * 4];
        const [out, hN] = new Elman(3, 4, options).call(x);
        expect(out.shape).toEqual(outShape);
        expect(hN.shape).toEqual([3 * D, 2, 4]);
        const [lo, lh, lc] = new LSTM(3, 4, options).call(x);
        expect([lo.shape, lh.shape, lc.shape]).toEqual([outShape, [3 * D, 2, 4], [3 * D, 2, 4]]);
        expect(new GRU(3, 4, options).call(x)[0].shape).toEqual(outShape);
      }
    }
  });

  it('the last layer’s final state is its output at the last step (forward) and the first step (reverse)', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true, generator: g });
    const [out, hN] = noGrad(() => lstm.call(randn([6, 2, 3], { generator: g })));
    expect(out.narrow(0, 5, 1).narrow(2, 0, 4)).toBeAllClose(hN.narrow(0, 2, 1));
    expect(out.narrow(0, 0, 1).narrow(2, 4, 4)).toBeAllClose(hN.narrow(0, 3, 1));
  });

  it('batch first is the time-major computation transposed', () => {
    const time = new GRU(3, 4, { numLayers: 2, generator: new Generator(8) });
    const batch = new GRU(3, 4, { numLayers: 2, batchFirst: true, generator: new Generator(8) });
    const x = randn([5, 2, 3], { generator: g });
    const [a, ha] = noGrad(() => time.call(x));
    const [b, hb] = noGrad(() => batch.call(x.transpose(0, 1)));
    expect(b.transpose(0, 1)).toBeAllClose(a);
    expect(hb).toBeAllClose(ha);
  });

  it('carrying the final state over: two halves equal the whole sequence', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, generator: g });
    const x = randn([8, 2, 3], { generator: g });
    noGrad(() => {
      const [whole, hWhole, cWhole] = lstm.call(x);
      const [first, h, c] = lstm.call(x.narrow(0, 0, 5));
      const [second, hN, cN] = lstm.call(x.narrow(0, 5, 3), h, c);
      expect(cat([first, second], 0)).toBeAllClose(whole, { atol: 1e-6 });
      expect(hN).toBeAllClose(hWhole, { atol: 1e-6 });
      expect(cN).toBeAllClose(cWhole, { atol: 1e-6 });
    });
  });

  it('a missing initial state is zero; giving only h0 to an LSTM keeps c0 zero', () => {
    const lstm = new LSTM(3, 4, { generator: g });
    const x = randn([4, 2, 3], { generator: g });
    const zero = randn([1, 2, 4], { generator: g }).mul(0);
    noGrad(() => {
      expect(lstm.call(x, zero)[0]).toBeAllClose(lstm.call(x)[0]);
      expect(lstm.call(x, zero, zero)[0]).toBeAllClose(lstm.call(x)[0]);
    });
  });

  it('forwardSteps over [B, I] steps equals the cell unrolled by hand', () => {
    const elman = new Elman(3, 4, { generator: g });
    const steps = Array.from({ length: 4 }, () => randn([2, 3], { generator: g }));
    const cell = elman.cells[0]![0]! as ElmanCell;
    noGrad(() => {
      const { outputs, state } = elman.forwardSteps(steps);
      let h = cell.call(steps[0]!);
      for (const x of steps.slice(1)) h = cell.call(x, h);
      expect(outputs[3]).toBeAllClose(h);
      expect(state[0]).toBeAllClose(h);
    });
  });

  it('truncated BPTT: same forward, gradients cut every k steps', () => {
    const make = (truncate?: number): Elman =>
      new Elman(3, 4, { generator: new Generator(9), ...(truncate ? { truncate } : {}) });
    const x = randn([5, 2, 3], { generator: g }).requiresGrad_();
    const [full, cut] = [make(), make(2)];
    const [, hFull] = full.call(x);
    const [, hCut] = cut.call(x);
    expect(hCut).toBeAllClose(hFull);
    const [gradCut] = gradients(hCut.sum(), [x]);
    const [gradFull] = gradients(hFull.sum(), [x]);
    // detached before steps 2 and 4: h₅ depends on x through the last step only
    for (let t = 0; t < 4; t++) expect(gradCut!.narrow(0, t, 1).abs().sum().item()).toBe(0);
    expect(gradCut!.narrow(0, 4, 1)).toBeAllClose(gradFull!.narrow(0, 4, 1));
    expect(gradFull!.narrow(0, 0, 1).abs().sum().item()).toBeGreaterThan(0);
  });

  it('state dict names follow PyTorch’s layout in camelCase', () => {
    const names = new LSTM(3, 4, { numLayers: 2, bidirectional: true }).namedParameters().map(([n]) => n);
    expect(names).toContain('layer0.weightIh');
    expect(names).toContain('layer1Reverse.biasHh');
    expect(names).toHaveLength(16);
  });

  it('dropout between layers acts in training only', () => {
    const gru = new GRU(3, 4, { numLayers: 2, dropout: 0.5, generator: new Generator(3) });
    const x = randn([4, 2, 3], { generator: g });
    const [a] = noGrad(() => gru.call(x));
    gru.eval();
    const [b] = noGrad(() => gru.call(x));
    const [c] = noGrad(() => gru.call(x));
    expect(b).toBeAllClose(c);
    expect(a.sub(b).abs().amax().item()).toBeGreaterThan(1e-4);
  });
});

describe('errors name the layer, the expected and the given shape', () => {
  it('input and state shapes', () => {
    const lstm = new LSTM(3, 4);
    expect(() => lstm.call(randn([5, 2, 2]))).toThrow(ShapeError);
    expect(() => lstm.call(randn([5, 2, 2]))).toThrow('LSTM: input [5,2,2] needs shape [T, B, 3]');
    expect(() => lstm.call(randn([5, 2, 3]), randn([2, 2, 4]))).toThrow('needs shape [1, 2, 4]');
    expect(() => new ElmanCell(3, 4).call(randn([2, 5]))).toThrow(
      'ElmanCell: step input [2,5] needs shape [..., B, 3]',
    );
  });

  it('options', () => {
    expect(() => new Elman(3, 0)).toThrow('hiddenSize must be an integer ≥ 1');
    expect(() => new Elman(3, 4, { numLayers: 0 })).toThrow('numLayers');
    expect(() => new Elman(3, 4, { activation: 'gelu' as never })).toThrow(
      "activation must be 'tanh', 'sigmoid' or 'relu'",
    );
    expect(() => new GRU(3, 4, { truncate: 0 })).toThrow('truncate');
    expect(() => new LSTMCell(3, 4, { bias: false, forgetBias: 1 })).toThrow('forgetBias needs bias');
    expect(() => new GRUCell(3, 4, { recurrentInit: 'zeros' as never })).toThrow('recurrentInit');
  });
});

describe('initialization', () => {
  const blocks = (w: Tensor, H: number): Tensor[] => w.split(H, 0);

  it('uniform: every parameter within ±1/√H (PyTorch)', () => {
    const cell = new LSTMCell(3, 16, { generator: g });
    for (const p of cell.parameters()) expect(p.abs().amax().item()).toBeLessThanOrEqual(0.25);
  });

  it('orthogonal: each gate block of W_hh is orthogonal', () => {
    const cell = new GRUCell(3, 6, { recurrentInit: 'orthogonal', generator: g });
    for (const block of blocks(cell.weightHh, 6)) {
      expect(block.matmul(block.T)).toBeAllClose(eye(6), { atol: 1e-5 });
    }
  });

  it('identity (IRNN): W_hh = scale·I, biases zero', () => {
    const cell = new ElmanCell(3, 5, { activation: 'relu', recurrentInit: 'identity', identityScale: 0.9 });
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(cell.weightHh.data[i * 5 + j]).toBeCloseTo(i === j ? 0.9 : 0, 6);
    expect(cell.biasIh!.abs().sum().item() + cell.biasHh!.abs().sum().item()).toBe(0);
  });

  it('forget bias: b_f = value in b_ih, 0 in b_hh', () => {
    const cell = new LSTMCell(3, 4, { forgetBias: 2 });
    expect(Array.from(cell.biasIh!.data.slice(4, 8))).toEqual([2, 2, 2, 2]);
    expect(Array.from(cell.biasHh!.data.slice(4, 8))).toEqual([0, 0, 0, 0]);
  });
});
