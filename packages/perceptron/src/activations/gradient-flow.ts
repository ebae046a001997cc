import type { Generator } from '@shinkei/core-tensor';
import { defaultGenerator, randint, randn } from '@shinkei/core-tensor';
import type { InitScheme } from '../mlp/init-scheme.js';
import { MLP } from '../mlp/mlp.js';
import type { ActivationName } from './activations.js';

export interface GradientFlowOptions {
  /** Width of every hidden layer and of the input (default 128). */
  width?: number;
  /** Samples in the probe batch (default 64). */
  batch?: number;
  /** Classes of the softmax output (default 10). */
  classes?: number;
  generator?: Generator;
}

/** Gradient norms through a deep net at initialization. */
export interface GradientFlow {
  /** ‖∇_{Wˡ} L‖_F for the hidden layers l = 1 (next to the input) … depth. */
  norms: number[];
  /** norms[first] / norms[last]: ≪ 1 when gradients vanish toward the input, ≫ 1 when they explode. */
  ratio: number;
}

/**
 * Probe chapter 6.1.3's ∂L/∂Wˡ ∝ Πₖ φ'(aᵏ): build an MLP of `depth` hidden layers of
 * `activation`, initialized by `init`, feed one batch of N(0, 1) inputs with random class
 * targets, backpropagate the cross-entropy once and measure each hidden layer's
 * weight-gradient norm.
 */
export function gradientFlow(
  depth: number,
  activation: ActivationName,
  init: InitScheme,
  options: GradientFlowOptions = {},
): GradientFlow {
  const { width = 128, batch = 64, classes = 10 } = options;
  if (!Number.isInteger(depth) || depth < 1)
    throw new RangeError(`gradientFlow: depth must be an integer ≥ 1, got ${depth}`);
  const generator = options.generator ?? defaultGenerator();
  const sizes = [width, ...Array<number>(depth).fill(width), classes];
  const mlp = new MLP({ sizes, activation, init, generator });
  const x = randn([batch, width], { generator });
  const y = randint(0, classes, [batch], { generator });
  mlp.loss(x, y).backward();
  const norms = mlp.linears.slice(0, depth).map((linear) => linear.weight.grad!.norm().item());
  return { norms, ratio: norms[0]! / norms[depth - 1]! };
}
