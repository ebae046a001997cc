import { Generator, linspace, noGrad } from '@shinkei/core-tensor';
import type { ActivationName } from '../activations/activations.js';
import { activations } from '../activations/activations.js';
import { gradientFlow } from '../activations/gradient-flow.js';
import type { InitScheme } from '../mlp/init-scheme.js';
import { bySize, fmt, oneTo, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, PerceptronExperiment } from './types.js';

const sizes = {
  quick: { width: 64, trials: 2 },
  default: { width: 128, trials: 3 },
  full: { width: 256, trials: 10 },
};

const DEPTH = 20;

const CONFIGS: readonly { activation: ActivationName; init: InitScheme }[] = [
  { activation: 'sigmoid', init: 'naive' },
  { activation: 'sigmoid', init: 'xavier' },
  { activation: 'tanh', init: 'xavier' },
  { activation: 'relu', init: 'naive' },
  { activation: 'relu', init: 'he' },
  { activation: 'swish', init: 'he' },
];

/** Geometric mean, the right average of quantities spread over orders of magnitude. */
function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

/** A ratio is "within a small factor" of 1 when it lies in [1/10, 10]. */
const SMALL_FACTOR = 10;

/**
 * Vanishing gradients (chapter 6.1.3): ∂L/∂Wˡ ∝ Πₖ φ'(aᵏ). In a 20-layer net at
 * initialization the weight-gradient norm of the first layer is compared with the last
 * hidden layer's: with sigmoid (σ' ≤ ¼) and the naive U(±1/√n) initialization it is orders
 * of magnitude smaller; ReLU with He initialization and tanh with Xavier keep it within a
 * small factor.
 */
export function vanishingGradients(options?: ExperimentOptions): ExperimentResult {
  const ctx = runContext(options);
  const { width, trials } = bySize(ctx.size, sizes);
  const flows = CONFIGS.map((config, c) => {
    const runs = Array.from({ length: trials }, (_, t) => {
      ctx.progress((c * trials + t) / (CONFIGS.length * trials), `${config.activation} · ${config.init}`);
      return gradientFlow(DEPTH, config.activation, config.init, {
        width,
        generator: new Generator(ctx.seed * 100 + t),
      });
    });
    const norms = oneTo(DEPTH).map((_, l) => geometricMean(runs.map((r) => r.norms[l]!)));
    return {
      ...config,
      name: `${config.activation} · ${config.init}`,
      norms,
      ratio: geometricMean(runs.map((r) => r.ratio)),
    };
  });
  ctx.progress(1);
  const ratioOf = (activation: ActivationName, init: InitScheme): number =>
    flows.find((f) => f.activation === activation && f.init === init)!.ratio;
  const withinFactor = (r: number): boolean => r >= 1 / SMALL_FACTOR && r <= SMALL_FACTOR;
  const sigmoidNaive = ratioOf('sigmoid', 'naive');
  const reluHe = ratioOf('relu', 'he');
  const tanhXavier = ratioOf('tanh', 'xavier');

  const z = linspace(-6, 6, 241, { dtype: 'float64' });
  const zs = Array.from(z.data);
  const derivatives = (['sigmoid', 'tanh', 'relu', 'leakyRelu', 'swish'] as const).map((name) => ({
    name: `${name}'`,
    x: zs,
    y: Array.from(noGrad(() => activations[name].derivative(z)).data),
  }));
  const sigmoidPeak = Math.max(...derivatives[0]!.y);

  return {
    verdicts: [
      {
        claim: 'With sigmoid, gradients shrink layer by layer toward the input',
        measured: `sigmoid, naive init: ‖∇W¹‖/‖∇W²⁰‖ = ${fmt(sigmoidNaive)}`,
        chapter: "∂L/∂W ∝ Π φ'(a), σ' ≤ 0.25: vanishing gradients (orders of magnitude: ratio < 1e-3)",
        pass: sigmoidNaive < 1e-3,
      },
      {
        claim: 'ReLU with He initialization keeps gradients alive',
        measured: `ReLU, He init: ‖∇W¹‖/‖∇W²⁰‖ = ${fmt(reluHe)}`,
        chapter: `remedies: ReLU family + He init (within a factor ${SMALL_FACTOR})`,
        pass: withinFactor(reluHe),
      },
      {
        claim: 'tanh with Xavier initialization keeps gradients alive',
        measured: `tanh, Xavier init: ‖∇W¹‖/‖∇W²⁰‖ = ${fmt(tanhXavier)}`,
        chapter: `remedies: Xavier init (within a factor ${SMALL_FACTOR})`,
        pass: withinFactor(tanhXavier),
      },
      {
        claim: "The sigmoid's derivative is at most 1/4",
        measured: `max σ'(z) on [−6, 6] = ${fmt(sigmoidPeak, 6)}`,
        chapter: "φ'(z) = φ(z)(1 − φ(z)) ≤ 0.25",
        pass: sigmoidPeak <= 0.25,
      },
    ],
    metrics: Object.fromEntries(flows.map((f) => [`ratio_${f.activation}_${f.init}`, f.ratio])),
    figures: [
      {
        kind: 'line',
        title: `Weight-gradient norm per layer of a ${DEPTH}-layer net at initialization`,
        xLabel: 'layer (1 = next to the input)',
        yLabel: '‖∂L/∂Wˡ‖',
        logY: true,
        series: flows.map((f) => ({ name: f.name, x: oneTo(DEPTH), y: f.norms })),
      },
      {
        kind: 'bar',
        title: 'First-to-last layer gradient ratio ‖∇W¹‖/‖∇W²⁰‖ (1 = no vanishing)',
        yLabel: 'ratio',
        logY: true,
        bars: flows.map((f) => ({ label: f.name, value: f.ratio })),
      },
      {
        kind: 'line',
        title: "Derivatives φ'(z) of the activations",
        xLabel: 'z',
        yLabel: "φ'(z)",
        series: derivatives,
      },
    ],
    settings: {
      depth: DEPTH,
      width,
      batch: 64,
      trials,
      average: 'geometric mean over trials',
      loss: 'cross-entropy, 10 classes, random targets',
    },
  };
}

export const vanishingGradientsExperiment: PerceptronExperiment = {
  id: 'vanishing-gradients',
  section: '6.1.3',
  title: 'Vanishing gradients and their remedies',
  claim:
    'Sigmoid gradients vanish toward the input of a deep net; ReLU + He and tanh + Xavier keep them within a small factor',
  run: vanishingGradients,
};
