import type { Generator, Tensor } from '@shinkei/core-tensor';
import { enableGrad, gradients, rand, ShapeError, zeros } from '@shinkei/core-tensor';
import { RecurrentCell } from '../cells/recurrent-cell.js';
import type { RecurrentLayer } from '../layers/recurrent-layer.js';
import { timeSteps } from '../layers/time-steps.js';

export interface GradientThroughTimeOptions {
  /** The input sequence [T, B, I] (default U[0, 1] values, batch 16). */
  inputs?: Tensor;
  /** Batch size of the default inputs (default 16). */
  batchSize?: number;
  /** The loss of the final hidden state h_T [1, B, H] (default (1/B) Σ h_T: unit upstream gradient). */
  loss?: (hT: Tensor) => Tensor;
  generator?: Generator;
}

/** ‖∂L/∂hₜ‖ (and ‖∂L/∂cₜ‖ for an LSTM) at every step t = 1 … T. */
export interface GradientThroughTime {
  /** 1 … T */
  steps: number[];
  /** Mean over the batch of ‖∂L/∂hₜ‖. */
  hidden: number[];
  /** Mean over the batch of ‖∂L/∂cₜ‖, for cells whose state has a second tensor (the LSTM's c). */
  cell: number[] | null;
  /** ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖: ≪ 1 when the gradient vanishes on its way back to the first step. */
  ratio: number;
}

/**
 * How much of the loss gradient reaches each time step: unroll the cell (or a layer's
 * first cell) over T steps and measure ‖∂L/∂hₜ‖ for every t, the total derivative through
 * all later steps (BPTT). In an Elman network ∂hₜ₊₁/∂hₜ = diag(σ′)·W_hh, so the product over
 * T − t steps shrinks geometrically when ‖W_hh‖·max σ′ < 1 (the vanishing gradient); the
 * LSTM's cell state passes ∂cₜ₊₁/∂cₜ = diag(fₜ₊₁), which stays near 1 while the forget gate
 * is open. Each hₜ (and cₜ) gets a zero probe εₜ added to it, so ∂L/∂εₜ = ∂L/∂hₜ.
 */
export function gradientThroughTime(
  model: RecurrentCell<any> | RecurrentLayer<any, any, any>,
  T: number,
  options: GradientThroughTimeOptions = {},
): GradientThroughTime {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`gradientThroughTime: T must be an integer ≥ 1, got ${T}`);
  const cell = model instanceof RecurrentCell ? model : model.cells[0]![0]!;
  const dtype = cell.weightIh.dtype as 'float32' | 'float64';
  const inputs =
    options.inputs ??
    rand([T, options.batchSize ?? 16, cell.inputSize], {
      dtype,
      ...(options.generator ? { generator: options.generator } : {}),
    });
  if (inputs.ndim !== 3 || inputs.shape[0] !== T || inputs.shape[2] !== cell.inputSize)
    throw new ShapeError(
      `gradientThroughTime: inputs [${inputs.shape.join(',')}] need shape [${T}, B, ${cell.inputSize}]`,
    );
  const B = inputs.shape[1]!;
  const loss = options.loss ?? ((hT: Tensor) => hT.sum().div(B));
  return enableGrad(() => {
    const steps = timeSteps(inputs, 0);
    const step = cell.stepper(steps[0]!);
    let state = cell.initialState(steps[0]!);
    const probes: Tensor[][] = [];
    for (const x of steps) {
      const tensors = cell.stateTensors(step(x, state));
      const stepProbes = tensors.map((t) => zeros(t.shape, { dtype: t.dtype }).requiresGrad_());
      probes.push(stepProbes);
      state = cell.stateFromTensors(tensors.map((t, j) => t.add(stepProbes[j]!)));
    }
    const grads = gradients(loss(cell.hidden(state)), probes.flat(), undefined, { allowUnused: true });
    const perStep = probes[0]!.length;
    const norms = (j: number): number[] => probes.map((_, t) => meanRowNorm(grads[t * perStep + j]!, B));
    const hidden = norms(0);
    return {
      steps: probes.map((_, t) => t + 1),
      hidden,
      cell: perStep > 1 ? norms(1) : null,
      ratio: hidden[0]! / hidden[T - 1]!,
    };
  });
}

/** Mean over the B rows of a [1, B, H] gradient of each row's Euclidean norm. */
function meanRowNorm(g: Tensor, B: number): number {
  const H = g.size / B;
  let total = 0;
  for (let b = 0; b < B; b++) {
    let squares = 0;
    for (let j = 0; j < H; j++) squares += g.data[b * H + j]! ** 2;
    total += Math.sqrt(squares);
  }
  return total / B;
}
