import type { Tensor } from '@shinkei/core-tensor';
import { cat, zeros } from '@shinkei/core-tensor';
import { zeroState } from './batch-columns.js';
import type { CellOptions } from './cell-options.js';
import { gruStateUpdate } from './fused/gru-pointwise.js';
import type { CellStep } from './recurrent-cell.js';
import { RecurrentCell } from './recurrent-cell.js';

/**
 * The GRU cell of Cho et al. (2014) in PyTorch's convention (gate order r, z, n):
 *
 *   rₜ = σ(W_ir xₜ + b_ir + W_hr hₜ₋₁ + b_hr)          reset gate
 *   zₜ = σ(W_iz xₜ + b_iz + W_hz hₜ₋₁ + b_hz)          update gate
 *   nₜ = tanh(W_in xₜ + b_in + rₜ ⊙ (W_hn hₜ₋₁ + b_hn)) candidate
 *   hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁  = nₜ + zₜ ⊙ (hₜ₋₁ − nₜ)
 *
 * The reset gate multiplies the recurrent part of the candidate only, so nₜ needs its input
 * and recurrent products apart: both come from z = [x, h, 1], through [W_in | 0 | b_in] and
 * [0 | W_hn | b_hn].
 */
export class GRUCell extends RecurrentCell<Tensor> {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('GRUCell', inputSize, hiddenSize, 3, options);
  }

  initialState(x: Tensor): Tensor {
    return zeroState(x, this.hiddenSize);
  }

  hidden(state: Tensor): Tensor {
    return state;
  }

  stateTensors(state: Tensor): Tensor[] {
    return [state];
  }

  stateFromTensors([h]: readonly Tensor[]): Tensor {
    return h!;
  }

  /**
   * a = [xₜ, hₜ₋₁, 1]·Wᵀ with W = [W_r; W_z; W_in | 0 | b_in; 0 | W_hn | b_hn], the four
   * pre-activations a_r, a_z, a_in, a_hn in one matmul [..., B, 4H]; then the gates and hₜ
   * in one fused op (gruPointwise).
   */
  stepper(x: Tensor): CellStep<Tensor> {
    const gates = this.gateProduct(x, cat([this.fusedWeight(2), ...this.candidateWeights()], 0));
    const input = this.stepInput(x);
    return (xt, h) => gruStateUpdate(gates(input(xt, h)), h);
  }

  /** [W_in | 0 | b_in] and [0 | W_hn | b_hn]: the candidate's input and recurrent parts, both applied to [x, h, 1]. */
  private candidateWeights(): [Tensor, Tensor] {
    const H = this.hiddenSize;
    const { weightIh, weightHh, biasIh, biasHh } = this;
    const dtype = weightIh.dtype;
    const rows = (t: Tensor): Tensor => t.narrow(0, 2 * H, H);
    const biasColumn = (b: Tensor | null): Tensor[] => (b === null ? [] : [rows(b).unsqueeze(1)]);
    return [
      cat([rows(weightIh), zeros([H, H], { dtype }), ...biasColumn(biasIh)], 1),
      cat([zeros([H, this.inputSize], { dtype }), rows(weightHh), ...biasColumn(biasHh)], 1),
    ];
  }
}
