import type { Generator, Tensor } from '@shinkei/core-tensor';
import { noGrad } from '@shinkei/core-tensor';
import type { TensorModule } from '@shinkei/core-tensor/nn';
import {
  BatchNorm1d,
  Dropout,
  LayerNorm,
  LeakyReLU,
  Linear,
  Module,
  PReLU,
  ReLU,
  Residual,
  Sequential,
  Sigmoid,
  SiLU,
  Tanh,
} from '@shinkei/core-tensor/nn';
import type { ActivationName } from '../activations/activations.js';
import { activations } from '../activations/activations.js';
import type { MLPHead } from './head.js';
import { headLoss, headOutput, headPrediction, headScore } from './head.js';
import type { InitScheme } from './init-scheme.js';
import { initializeLayer } from './init-scheme.js';

export interface MLPOptions {
  /** Layer widths [d₀, d₁, …, d_L]: d₀ inputs, d_L outputs (1 for a binary head, C for C classes). */
  sizes: readonly number[];
  /** φ of the hidden layers: one for all, or one per hidden layer (default 'relu'). */
  activation?: ActivationName | readonly ActivationName[];
  /** The output layer's activation and loss (default 'multiclass'). */
  head?: MLPHead;
  /** Weight initialization (default: Linear's own, W, b ~ U(−1/√fan_in, 1/√fan_in)). */
  init?: InitScheme;
  /** Normalize each hidden pre-activation: 'batch' (BatchNorm) or 'layer' (LayerNorm) (default none). */
  normalization?: 'batch' | 'layer';
  /** Dropout probability after each hidden activation (default 0). */
  dropout?: number;
  /**
   * Make every hidden layer whose input and output widths agree residual,
   * h ↦ h + F(h) with F(h) = W·φ(N(h)) + b (default false). This is the pre-activation
   * form (He et al. 2016, "Identity mappings"): the branch ends in a linear map, so it adds
   * a zero-mean term and a deep stack does not blow the signal up as h + φ(Wh + b) would.
   */
  residual?: boolean;
  dtype?: 'float32' | 'float64';
  generator?: Generator;
}

/**
 * The multilayer perceptron of chapter 6.1.2, built from core-tensor nn layers:
 * aˡ = Wˡhˡ⁻¹ + bˡ, hˡ = φˡ(aˡ) for the hidden layers, and an output layer whose
 * activation the head fixes. With the options of 6.1.5 a hidden layer becomes
 * Linear → [BatchNorm | LayerNorm] → φ → [Dropout], or, residual,
 * hˡ = hˡ⁻¹ + F(hˡ⁻¹) with F = [Norm] → φ → [Dropout] → Linear. `forward` returns the output pre-activation aᴸ (the logits):
 * the losses take it directly, which is the numerically stable way.
 */
export class MLP extends Module {
  readonly sizes: readonly number[];
  readonly head: MLPHead;
  readonly hiddenActivations: readonly ActivationName[];
  /** The affine maps W¹ … Wᴸ in order (the last is the output layer). */
  readonly linears: readonly Linear[];
  /** Each hidden layer's PReLU (its learned α), or null for other activations. */
  readonly prelus: readonly (PReLU | null)[];
  readonly layers: Sequential;
  /** No normalization, dropout or residual connections: exactly the network of the δ equations (what ManualMLP mirrors). */
  readonly plain: boolean;

  constructor(options: MLPOptions) {
    super();
    const { sizes, head = 'multiclass', dropout = 0, residual = false } = options;
    if (sizes.length < 2 || sizes.some((d) => !Number.isInteger(d) || d < 1))
      throw new RangeError(`MLP: sizes must list ≥ 2 positive integer widths [d₀, …, d_L], got [${sizes.join(', ')}]`);
    const hiddenCount = sizes.length - 2;
    const activation = options.activation ?? 'relu';
    const perLayer = typeof activation === 'string' ? Array<ActivationName>(hiddenCount).fill(activation) : activation;
    if (perLayer.length !== hiddenCount)
      throw new RangeError(`MLP: ${perLayer.length} activations for ${hiddenCount} hidden layers`);
    for (const name of perLayer)
      if (activations[name] === undefined) throw new RangeError(`MLP: unknown activation '${name}'`);
    if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`MLP: dropout must be in [0, 1), got ${dropout}`);
    this.sizes = [...sizes];
    this.head = head;
    this.hiddenActivations = [...perLayer];
    this.plain = options.normalization === undefined && dropout === 0 && !residual;
    const parameterOptions = {
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
      ...(options.generator === undefined ? {} : { generator: options.generator }),
    };
    const linears: Linear[] = [];
    const prelus: (PReLU | null)[] = [];
    const blocks: TensorModule[] = [];
    for (let l = 1; l < sizes.length; l++) {
      const linear = new Linear(sizes[l - 1]!, sizes[l]!, parameterOptions);
      if (options.init !== undefined) initializeLayer(linear.weight, linear.bias, options.init, options.generator);
      linears.push(linear);
      if (l === sizes.length - 1) {
        blocks.push(linear);
        break;
      }
      const phi = activationModule(perLayer[l - 1]!, parameterOptions);
      prelus.push(phi instanceof PReLU ? phi : null);
      const norm = normalizationModule(options.normalization, sizes[l]!, parameterOptions);
      const drop =
        dropout > 0
          ? new Dropout(dropout, options.generator === undefined ? {} : { generator: options.generator })
          : null;
      if (residual && sizes[l - 1] === sizes[l]) {
        blocks.push(new Residual(chain([norm, phi, drop, linear])));
      } else {
        blocks.push(chain([linear, norm, phi, drop]));
      }
    }
    this.linears = linears;
    this.prelus = prelus;
    this.layers = this.registerModule('layers', new Sequential(...blocks));
  }

  /** aᴸ, the output layer's pre-activation, for x [n, d₀]. */
  forward(x: Tensor): Tensor {
    return this.layers.call(x);
  }

  /** The mean loss of the head (MSE, binary or multiclass cross-entropy), differentiable. */
  loss(x: Tensor, y: Tensor): Tensor {
    return headLoss(this.head, this.forward(x), y);
  }

  /** φᴸ(aᴸ): the regression output, P(y = 1), or the class probabilities; evaluation mode, no graph. */
  predictProba(x: Tensor): Tensor {
    return this.evaluating(() => headOutput(this.head, this.forward(x)));
  }

  /** Values, 0/1 labels or class indices; evaluation mode, no graph. */
  predict(x: Tensor): Tensor {
    return this.evaluating(() => headPrediction(this.head, this.forward(x)));
  }

  /** Accuracy for a classifier, R² for a regression. */
  score(x: Tensor, y: Tensor): number {
    return headScore(this.head, this.predict(x), y);
  }

  /** The mean loss and the score on (x, y) from one forward pass in evaluation mode (dropout off, running BatchNorm statistics). */
  evaluate(x: Tensor, y: Tensor): { loss: number; score: number } {
    return this.evaluating(() => {
      const output = this.forward(x);
      return {
        loss: headLoss(this.head, output, y).item(),
        score: headScore(this.head, headPrediction(this.head, output), y),
      };
    });
  }

  /** Run `fn` in evaluation mode without a graph, restoring the training flag. */
  private evaluating<T>(fn: () => T): T {
    const wasTraining = this.training;
    this.eval();
    try {
      return noGrad(fn);
    } finally {
      this.train(wasTraining);
    }
  }

  override extraRepr(): string {
    return `sizes=[${this.sizes.join(', ')}], head=${this.head}`;
  }
}

/** The modules in order, skipping absent ones; one module stands alone. */
function chain(parts: readonly (TensorModule | null)[]): TensorModule {
  const present = parts.filter((p): p is TensorModule => p !== null);
  return present.length === 1 ? present[0]! : new Sequential(...present);
}

/** BatchNorm1d or LayerNorm over a hidden layer's `width` units, or null. */
function normalizationModule(
  kind: MLPOptions['normalization'],
  width: number,
  options: { dtype?: 'float32' | 'float64' },
): TensorModule | null {
  const dtype = options.dtype === undefined ? {} : { dtype: options.dtype };
  if (kind === 'batch') return new BatchNorm1d(width, dtype);
  if (kind === 'layer') return new LayerNorm(width, dtype);
  return null;
}

/** The nn module of a hidden activation (null for the identity). */
function activationModule(name: ActivationName, options: { dtype?: 'float32' | 'float64' }): TensorModule | null {
  switch (name) {
    case 'identity':
      return null;
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new Tanh();
    case 'relu':
      return new ReLU();
    case 'leakyRelu':
      return new LeakyReLU(activations.leakyRelu.defaultSlope);
    case 'prelu':
      return new PReLU(1, { ...options, init: activations.prelu.defaultSlope! });
    case 'swish':
      return new SiLU();
  }
}
