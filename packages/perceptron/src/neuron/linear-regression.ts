import type { Tensor } from '@shinkei/core-tensor';
import { eye, linalg, matmul, noGrad } from '@shinkei/core-tensor';
import type { FitHistory, IterativeFitOptions } from './classical-fit.js';
import { designMatrix, gradientDescent, gramSpectralNorm, penaltyMask, setTheta } from './classical-fit.js';
import { checkSamples } from './design.js';
import type { NeuronOptions } from './neuron.js';
import { Neuron } from './neuron.js';

export interface LinearRegressionOptions extends Omit<NeuronOptions, 'activation'> {
  /** L2 penalty λ on w (ridge regression; b is not penalized): the loss gains λ‖w‖² (default 0). */
  l2?: number;
}

export interface LinearFitOptions extends IterativeFitOptions {
  /** 'normal' (the normal equations, default) or 'gd' (gradient descent by autograd). */
  method?: 'normal' | 'gd';
}

/**
 * Linear regression as the identity neuron (chapter 6.1.1): ŷ = wᵀx + b, fitted by least
 * squares, L(w, b) = (1/2n) Σᵢ (ŷᵢ − yᵢ)² + λ‖w‖². Its minimum solves the normal
 * equations (X̃ᵀX̃/n + 2λI_w) θ = X̃ᵀy/n, which gradient descent reaches too.
 */
export class LinearRegression extends Neuron {
  readonly l2: number;

  constructor(inFeatures: number, options: LinearRegressionOptions = {}) {
    super(inFeatures, { ...options, activation: 'identity' });
    this.l2 = options.l2 ?? 0;
    if (!(this.l2 >= 0)) throw new RangeError(`LinearRegression: l2 must be ≥ 0, got ${this.l2}`);
  }

  /** L(w, b), differentiable in w and b. */
  loss(x: Tensor, y: Tensor): Tensor {
    checkSamples('LinearRegression.loss', x, y, this.inFeatures);
    const residual = this.preActivation(x).sub(y.to(this.weight.dtype));
    const squared = residual.square().mean().mul(0.5);
    return this.l2 === 0 ? squared : squared.add(this.weight.square().sum().mul(this.l2));
  }

  /** ŷ = wᵀx + b for every row. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** The coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)². */
  score(x: Tensor, y: Tensor): number {
    return noGrad(() => {
      const target = y.to('float64');
      const residual = this.predict(x).to('float64').sub(target).square().sum().item();
      const spread = target.sub(target.mean()).square().sum().item();
      return 1 - residual / spread;
    });
  }

  /**
   * Least squares. 'normal': θ = (X̃ᵀX̃/n + 2λI_w)⁻¹ X̃ᵀy/n in one solve. 'gd': θ ← θ − η∇L
   * from the current parameters with η = 1/L, L = λ_max(X̃ᵀX̃)/n + 2λ the largest curvature.
   */
  fit(x: Tensor, y: Tensor, options: LinearFitOptions = {}): FitHistory {
    checkSamples('LinearRegression.fit', x, y, this.inFeatures);
    const design = designMatrix(this, x);
    if ((options.method ?? 'normal') === 'gd') {
      const lr = options.lr ?? 1 / (gramSpectralNorm(design) + 2 * this.l2);
      return gradientDescent(this, () => this.loss(x, y), {
        lr,
        maxIter: options.maxIter ?? 20_000,
        tol: options.tol ?? 1e-8,
      });
    }
    const n = design.shape[0]!;
    const before = noGrad(() => this.loss(x, y).item());
    const k = design.shape[1]!;
    const gram = matmul(design.t(), design)
      .div(n)
      .add(eye(k, k, { dtype: 'float64' }).mul(penaltyMask(this).mul(2 * this.l2)));
    setTheta(this, linalg.solve(gram, matmul(design.t(), y.to('float64')).div(n)));
    return { losses: [before, noGrad(() => this.loss(x, y).item())], iterations: 1, converged: true };
  }
}
