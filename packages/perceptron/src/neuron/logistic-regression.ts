import type { Tensor } from '@shinkei/core-tensor';
import { eye, ge, linalg, matmul, noGrad, sigmoid, softplus } from '@shinkei/core-tensor';
import type { FitHistory, IterativeFitOptions } from './classical-fit.js';
import { designMatrix, gradientDescent, gramSpectralNorm, penaltyMask, setTheta, thetaOf } from './classical-fit.js';
import { checkBinaryLabels, checkSamples } from './design.js';
import type { NeuronOptions } from './neuron.js';
import { Neuron } from './neuron.js';

export interface LogisticRegressionOptions extends Omit<NeuronOptions, 'activation'> {
  /** L2 penalty λ on w (not on b): the loss gains λ‖w‖² (default 0). */
  l2?: number;
}

export interface LogisticFitOptions extends IterativeFitOptions {
  /** 'irls' (Newton's method, default) or 'gd' (gradient descent by autograd). */
  method?: 'irls' | 'gd';
}

/**
 * Logistic regression as the sigmoid neuron (chapter 6.1.1): P(y = 1 | x) = σ(wᵀx + b),
 * fitted by maximum likelihood. The loss is the negative mean log-likelihood plus an
 * optional penalty,
 *   L(w, b) = −(1/n) Σᵢ [yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ))] + λ‖w‖²
 *           = (1/n) Σᵢ [softplus(zᵢ) − yᵢzᵢ] + λ‖w‖²,  zᵢ = wᵀxᵢ + b,
 * convex in (w, b), so gradient descent and Newton's method (IRLS) reach the same minimum.
 */
export class LogisticRegression extends Neuron {
  readonly l2: number;

  constructor(inFeatures: number, options: LogisticRegressionOptions = {}) {
    super(inFeatures, { ...options, activation: 'sigmoid' });
    this.l2 = options.l2 ?? 0;
    if (!(this.l2 >= 0)) throw new RangeError(`LogisticRegression: l2 must be ≥ 0, got ${this.l2}`);
  }

  /** L(w, b) for 0/1 targets y, differentiable in w and b. */
  loss(x: Tensor, y: Tensor): Tensor {
    checkSamples('LogisticRegression.loss', x, y, this.inFeatures);
    const z = this.preActivation(x);
    const nll = softplus(z).sub(y.to(z.dtype).mul(z)).mean();
    return this.l2 === 0 ? nll : nll.add(this.weight.square().sum().mul(this.l2));
  }

  /** P(y = 1 | x) = σ(wᵀx + b) for every row. */
  predictProba(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** The more likely class, 1 when σ(z) ≥ ½ (z ≥ 0), else 0. */
  predict(x: Tensor): Tensor {
    return noGrad(() => ge(this.preActivation(x), 0).to(this.weight.dtype));
  }

  /** Accuracy on 0/1 targets. */
  score(x: Tensor, y: Tensor): number {
    return noGrad(() => this.predict(x).eq(y.to(this.weight.dtype)).to('float64').mean().item());
  }

  /**
   * Maximum likelihood from the current parameters. 'irls': Newton's method
   * θ ← θ − H⁻¹g with g = X̃ᵀ(p − y)/n + 2λθ_w and H = X̃ᵀSX̃/n + 2λI_w, S = diag(pᵢ(1 − pᵢ)),
   * which is iteratively reweighted least squares. 'gd': θ ← θ − η∇L with η = 1/L,
   * L = λ_max(X̃ᵀX̃)/(4n) + 2λ bounding the Hessian (σ' ≤ ¼). On linearly separable data
   * the likelihood has no maximum (‖w‖ → ∞) unless l2 > 0.
   */
  fit(x: Tensor, y: Tensor, options: LogisticFitOptions = {}): FitHistory {
    checkSamples('LogisticRegression.fit', x, y, this.inFeatures);
    checkBinaryLabels('LogisticRegression.fit', Float64Array.from(y.data));
    const design = designMatrix(this, x);
    if ((options.method ?? 'irls') === 'gd') {
      const lr = options.lr ?? 1 / (gramSpectralNorm(design) / 4 + 2 * this.l2);
      return gradientDescent(this, () => this.loss(x, y), {
        lr,
        maxIter: options.maxIter ?? 20_000,
        tol: options.tol ?? 1e-8,
      });
    }
    return this.newton(design, x, y, options.maxIter ?? 100, options.tol ?? 1e-12);
  }

  private newton(design: Tensor, x: Tensor, y: Tensor, maxIter: number, tol: number): FitHistory {
    const n = design.shape[0]!;
    const target = y.to('float64');
    const mask = penaltyMask(this);
    const penalty = mask.mul(2 * this.l2);
    const history: FitHistory = { losses: [noGrad(() => this.loss(x, y).item())], iterations: 0, converged: false };
    let theta = thetaOf(this);
    while (!history.converged && history.iterations < maxIter) {
      const p = sigmoid(matmul(design, theta));
      const gradient = matmul(design.t(), p.sub(target)).div(n).add(penalty.mul(theta));
      const weights = p.mul(p.neg().add(1));
      const hessian = matmul(design.t(), design.mul(weights.unsqueeze(1)))
        .div(n)
        .add(eye(mask.size, mask.size, { dtype: 'float64' }).mul(penalty));
      const step = linalg.solve(hessian, gradient);
      theta = theta.sub(step);
      setTheta(this, theta);
      history.iterations++;
      history.losses.push(noGrad(() => this.loss(x, y).item()));
      history.converged = step.abs().amax().item() <= tol;
    }
    return history;
  }
}
