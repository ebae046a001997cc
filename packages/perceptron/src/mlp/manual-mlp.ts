import type { Tensor } from '@shinkei/core-tensor';
import { arange, eq, matmul, matmulT, noGrad, sigmoid, softmax } from '@shinkei/core-tensor';
import { Module } from '@shinkei/core-tensor/nn';
import type { Activation, ActivationName } from '../activations/activations.js';
import { activationOf } from '../activations/activations.js';
import type { MLPHead } from './head.js';
import { headLoss } from './head.js';
import type { MLP } from './mlp.js';

/** ∂L/∂θ for every parameter of a ManualMLP, in layer order. */
export interface ManualGradients {
  /** The loss L at the current parameters. */
  loss: number;
  /** ∇_{Wˡ} L, shaped like Wˡ [d_l, d_{l−1}]. */
  weights: Tensor[];
  /** ∇_{bˡ} L, shaped [d_l]. */
  biases: Tensor[];
  /** ∂L/∂α of each hidden PReLU (null for other activations). */
  slopes: (Tensor | null)[];
}

/**
 * The MLP with backpropagation written by hand from chapter 6.1.2's δ equations, the
 * pedagogical twin of `MLP` (whose gradients come from autograd). For a batch x [n, d₀],
 * rows are samples, so aˡ = hˡ⁻¹(Wˡ)ᵀ + bˡ and the chapter's column formulas become:
 *
 *   δᴸ = ∇_h L ∘ φᴸ'(aᴸ)                     output error signal
 *   δˡ = (δˡ⁺¹ Wˡ⁺¹) ∘ φˡ'(aˡ)              ((Wˡ⁺¹)ᵀδˡ⁺¹ per sample) for l = L−1 … 1
 *   ∇_{Wˡ} L = (δˡ)ᵀ hˡ⁻¹,  ∇_{bˡ} L = Σ_rows δˡ
 *
 * For the heads' canonical pairs the output product simplifies: identity with mean
 * squared error gives δᴸ = 2(aᴸ − y)/(n·k); σ with binary cross-entropy,
 * ∇_h L = (h − y)/(h(1 − h)n) times σ' = h(1 − h), gives (σ(aᴸ) − y)/n; softmax with
 * cross-entropy gives (softmax(aᴸ) − onehot(y))/n.
 */
export class ManualMLP extends Module {
  readonly weights: readonly Tensor[];
  readonly biases: readonly Tensor[];
  /** Each hidden layer's PReLU slope α ([1], learned), or null. */
  readonly slopes: readonly (Tensor | null)[];
  readonly hiddenActivations: readonly Activation[];

  /** A copy of a plain MLP's parameters (no normalization, dropout or residual connections). */
  constructor(
    mlp: MLP,
    readonly head: MLPHead = mlp.head,
  ) {
    super();
    if (!mlp.plain)
      throw new RangeError('ManualMLP: only a plain MLP (no normalization, dropout or residual) has these δ equations');
    this.weights = mlp.linears.map((l, i) => this.registerParameter(`weight${i + 1}`, l.weight.detach().clone()));
    this.biases = mlp.linears.map((l, i) => {
      if (l.bias === null) throw new RangeError('ManualMLP: every layer needs a bias');
      return this.registerParameter(`bias${i + 1}`, l.bias.detach().clone());
    });
    this.slopes = mlp.prelus.map((p, i) =>
      p === null ? null : this.registerParameter(`slope${i + 1}`, p.weight.detach().clone()),
    );
    this.hiddenActivations = mlp.hiddenActivations.map((name: ActivationName) => activationOf(name));
  }

  /** The forward pass, keeping every aˡ and hˡ (h⁰ = x). */
  private propagate(x: Tensor): { a: Tensor[]; h: Tensor[] } {
    const h: Tensor[] = [x.to(this.weights[0]!.dtype)];
    const a: Tensor[] = [];
    this.weights.forEach((weight, i) => {
      a.push(matmulT(h[i]!, weight, false, true).add(this.biases[i]!));
      const phi = this.hiddenActivations[i];
      if (phi !== undefined) h.push(phi.fn(a[i]!, this.slopes[i] ?? undefined));
    });
    return { a, h };
  }

  /** aᴸ (the logits), as `MLP.forward`. */
  forward(x: Tensor): Tensor {
    return this.propagate(x).a.at(-1)!;
  }

  /** The head's mean loss, as `MLP.loss`. */
  loss(x: Tensor, y: Tensor): Tensor {
    return headLoss(this.head, this.forward(x), y);
  }

  /** Every ∂L/∂θ by the δ recursion, no autograd involved. */
  gradients(x: Tensor, y: Tensor): ManualGradients {
    return noGrad(() => {
      const { a, h } = this.propagate(x);
      const depth = this.weights.length;
      const weights: Tensor[] = Array.from({ length: depth });
      const biases: Tensor[] = Array.from({ length: depth });
      const slopes: (Tensor | null)[] = this.slopes.map(() => null);
      let delta = this.outputDelta(a[depth - 1]!, y);
      for (let l = depth - 1; l >= 0; l--) {
        weights[l] = matmulT(delta, h[l]!, true, false);
        biases[l] = delta.sum(0);
        if (l === 0) break;
        const upstream = matmul(delta, this.weights[l]!);
        const phi = this.hiddenActivations[l - 1]!;
        const slope = this.slopes[l - 1] ?? undefined;
        if (slope !== undefined)
          slopes[l - 1] = upstream
            .mul(a[l - 1]!.clamp(undefined, 0))
            .sum()
            .reshape([1]);
        delta = upstream.mul(phi.derivative(a[l - 1]!, slope));
      }
      return { loss: headLoss(this.head, a[depth - 1]!, y).item(), weights, biases, slopes };
    });
  }

  /** δᴸ = ∇_h L ∘ φᴸ'(aᴸ) for the head's loss, averaged over the n rows. */
  private outputDelta(output: Tensor, y: Tensor): Tensor {
    const [n, k] = [output.shape[0]!, output.shape[1]!];
    if (this.head === 'multiclass') {
      const onehot = eq(y.reshape(n, 1), arange(0, k).reshape(1, k)).to(output.dtype);
      return softmax(output, 1).sub(onehot).div(n);
    }
    const target = y.to(output.dtype).reshape(output.shape);
    if (this.head === 'binary') return sigmoid(output).sub(target).div(n);
    return output.sub(target).mul(2 / (n * k));
  }
}
