import type { Generator } from '@shinkei/core-tensor';
import { randint, randn } from '@shinkei/core-tensor';
import type { ActivationName } from '../activations/activations.js';
import { backpropAgreement } from '../mlp/backprop-agreement.js';
import type { MLPHead } from '../mlp/head.js';
import { MLP } from '../mlp/mlp.js';
import { netGapFigure } from './components/net-gap-figure.js';
import { bySize, fmt, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, PerceptronExperiment } from './types.js';

const sizes = {
  quick: { depths: [1, 3, 6], width: 8, batch: 16 },
  default: { depths: [1, 4, 16], width: 48, batch: 64 },
  full: { depths: [2, 8, 32], width: 128, batch: 256 },
};

const HIDDEN: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'prelu', 'swish'];
const HEADS: readonly MLPHead[] = ['regression', 'binary', 'multiclass'];
const INPUTS = 10;
const OUTPUTS = 4;

/** The largest disagreement between ManualMLP's δ-equation gradients and autograd's on one random net. */
function compare(
  depth: number,
  activation: ActivationName,
  head: MLPHead,
  width: number,
  batch: number,
  generator: Generator,
): number {
  const outputs = head === 'binary' ? 1 : OUTPUTS;
  const sizes = [INPUTS, ...Array<number>(depth).fill(width), outputs];
  const mlp = new MLP({ sizes, activation, head, dtype: 'float64', generator });
  const x = randn([batch, INPUTS], { dtype: 'float64', generator });
  const y =
    head === 'multiclass'
      ? randint(0, OUTPUTS, [batch], { generator })
      : head === 'binary'
        ? randint(0, 2, [batch], { generator }).to('float64')
        : randn([batch, OUTPUTS], { dtype: 'float64', generator });
  return backpropAgreement(mlp, x, y);
}

/**
 * Backpropagation is reverse-mode automatic differentiation (chapter 6.1.2): on random
 * float64 nets of three depths, every hidden activation and every output head, the
 * gradients of `ManualMLP` (the δ equations, by hand) equal autograd's.
 */
export function backpropAutodiff(options?: ExperimentOptions): ExperimentResult {
  const ctx = runContext(options);
  const { depths, width, batch } = bySize(ctx.size, sizes);
  const cases = [
    ...depths.flatMap((depth) => HIDDEN.map((activation) => ({ depth, activation, head: 'multiclass' as MLPHead }))),
    ...HEADS.map((head) => ({ depth: depths[1]!, activation: 'tanh' as ActivationName, head })),
  ];
  const results = cases.map((c, k) => {
    ctx.progress(k / cases.length, `${c.depth} × ${c.activation}, ${c.head}`);
    return { ...c, error: compare(c.depth, c.activation, c.head, width, batch, ctx.generator) };
  });
  ctx.progress(1);
  const worst = Math.max(...results.map((r) => r.error));
  const exact = results.filter((r) => r.error === 0).length;
  return {
    verdicts: [
      {
        claim: 'Hand-written backpropagation (δ equations) equals reverse-mode autodiff',
        measured: `largest relative difference ${fmt(worst)} over ${results.length} nets (depths ${depths.join(', ')}; ${HIDDEN.length} activations; ${HEADS.length} heads), ${exact} of them equal bit for bit`,
        chapter: 'backpropagation = reverse-mode automatic differentiation; agree to 1e-6 in float64',
        pass: worst <= 1e-6,
      },
    ],
    metrics: { maxRelativeError: worst, nets: results.length, exactlyEqualNets: exact },
    figures: [
      netGapFigure(
        'Largest |manual − autograd| / max |autograd| of a gradient tensor, per net (nets that agree exactly are left out)',
        results.map((r) => ({ ...r, gap: r.error })),
      ),
    ],
    settings: {
      depths,
      width,
      batch,
      inputs: INPUTS,
      outputs: OUTPUTS,
      dtype: 'float64',
      activations: HIDDEN,
      heads: HEADS,
    },
  };
}

export const backpropAutodiffExperiment: PerceptronExperiment = {
  id: 'backprop-autodiff',
  section: '6.1.2',
  title: 'Backpropagation by hand equals autodiff',
  claim: 'The δ recursion of backpropagation gives exactly the gradients reverse-mode autodiff computes',
  run: backpropAutodiff,
};
