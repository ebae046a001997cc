import type { Tensor } from '@shinkei/core-tensor';
import { full, matmul, tensor } from '@shinkei/core-tensor';
import { SGD } from '@shinkei/core-tensor/optim';
import { augmented, checkSamples } from './design.js';
import type { Neuron } from './neuron.js';

/** How a classical model is fitted iteratively. */
export interface IterativeFitOptions {
  /** Step size η of gradient descent (default 1/L, L the smoothness constant of the loss). */
  lr?: number;
  /** Most iterations (default 20 000 for gradient descent, 100 for Newton / IRLS). */
  maxIter?: number;
  /** Stop when ‖∇L‖ (gradient descent) or ‖Δθ‖∞ (Newton / IRLS) is below this (default 1e-8 / 1e-12). */
  tol?: number;
}

/** The loss after every iteration (the first entry is the starting loss). */
export interface FitHistory {
  losses: number[];
  iterations: number;
  converged: boolean;
}

/** X̃: the rows of x, followed by a column of ones when the neuron has a bias, in float64. */
export function designMatrix(neuron: Neuron, x: Tensor): Tensor {
  checkSamples(neuron.constructor.name, x, undefined, neuron.inFeatures);
  const [n, d] = [x.shape[0]!, x.shape[1]!];
  const bias = neuron.bias !== null;
  return tensor(augmented(Float64Array.from(x.data), n, d, bias), { shape: [n, d + (bias ? 1 : 0)], dtype: 'float64' });
}

/** θ = (w, b) as one float64 vector (w alone without a bias). */
export function thetaOf(neuron: Neuron): Tensor {
  const { w, b } = neuron.parameterValues();
  return tensor(neuron.bias === null ? w : [...w, b], { dtype: 'float64' });
}

/** Write θ = (w, b) back into the neuron. */
export function setTheta(neuron: Neuron, theta: Tensor): void {
  const values = theta.data;
  neuron.setParameterValues(
    values.subarray(0, neuron.inFeatures),
    neuron.bias === null ? 0 : values[neuron.inFeatures]!,
  );
}

/** The diagonal of the L2 penalty's Hessian part: 1 for every weight, 0 for the bias (never penalized). */
export function penaltyMask(neuron: Neuron): Tensor {
  const mask = new Float64Array(neuron.inFeatures + (neuron.bias === null ? 0 : 1)).fill(1);
  if (neuron.bias !== null) mask[neuron.inFeatures] = 0;
  return tensor(mask, { dtype: 'float64' });
}

/**
 * λ_max(X̃ᵀX̃)/n by power iteration, v ← X̃ᵀ(X̃v)/n: the curvature scale that sets the
 * largest safe gradient-descent step of a least-squares or logistic loss.
 */
export function gramSpectralNorm(design: Tensor, iterations = 100): number {
  const n = design.shape[0]!;
  let v = full([design.shape[1]!], 1, { dtype: 'float64' });
  let eigenvalue = 0;
  for (let k = 0; k < iterations; k++) {
    const next = matmul(design.t(), matmul(design, v)).div(n);
    eigenvalue = next.norm().item();
    if (eigenvalue === 0) return 0;
    v = next.div(eigenvalue);
  }
  return eigenvalue;
}

/**
 * Plain gradient descent θ ← θ − η∇L(θ) on the neuron's parameters, the gradient by
 * autograd, until ‖∇L‖ ≤ tol or maxIter steps.
 */
export function gradientDescent(
  neuron: Neuron,
  loss: () => Tensor,
  options: { lr: number; maxIter: number; tol: number },
): FitHistory {
  const params = neuron.parameters();
  const optimizer = new SGD(params, { lr: options.lr });
  const history: FitHistory = { losses: [], iterations: 0, converged: false };
  while (true) {
    optimizer.zeroGrad();
    const value = loss();
    value.backward();
    history.losses.push(value.item());
    const gradNorm = Math.sqrt(params.reduce((s, p) => s + (p.grad?.square().sum().item() ?? 0), 0));
    history.converged = gradNorm <= options.tol;
    if (history.converged || history.iterations >= options.maxIter) break;
    optimizer.step();
    history.iterations++;
  }
  optimizer.zeroGrad();
  return history;
}
