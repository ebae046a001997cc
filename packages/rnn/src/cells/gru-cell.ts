import type { Tensor } from '@shinkei/core-tensor';
import { cat, matmulT, zeros } from '@shinkei/core-tensor';
import { zeroState } from './batch-columns.js';
import type { CellOptions } from './cell-options.js';
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

  stepper(x: Tensor): CellStep<Tensor> {
    const [wr, wz] = this.fusedGateWeights(2) as [Tensor, Tensor];
    const [candidateInput, candidateRecurrent] = this.candidateWeights();
    const input = this.stepInput(x);
    const gate = (z: Tensor, w: Tensor): Tensor => matmulT(z, w, false, true);
    return (xt, h) => {
      const z = input(xt, h);
      const reset = gate(z, wr).sigmoid();
      const update = gate(z, wz).sigmoid();
      const candidate = gate(z, candidateInput)
        .add(reset.mul(gate(z, candidateRecurrent)))
        .tanh();
      return candidate.add(update.mul(h.sub(candidate)));
    };
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
