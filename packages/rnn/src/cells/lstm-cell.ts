import type { Tensor } from '@shinkei/core-tensor';
import { noGrad } from '@shinkei/core-tensor';
import { zeroState } from './batch-columns.js';
import type { CellOptions } from './cell-options.js';
import { lstmStateUpdate } from './fused/lstm-pointwise.js';
import type { CellStep } from './recurrent-cell.js';
import { RecurrentCell } from './recurrent-cell.js';

/** An LSTM state: the hidden state h and the cell state c. */
export type LSTMState = readonly [h: Tensor, c: Tensor];

export interface LSTMCellOptions extends CellOptions {
  /**
   * Start the forget gate open: b_f = forgetBias (in b_ih; b_hh's forget block 0), so
   * fₜ ≈ σ(forgetBias) at first (Gers et al. 2000; Jozefowicz et al. 2015 use 1). Default:
   * the forget bias is initialized like the others.
   */
  forgetBias?: number;
}

/**
 * The LSTM cell of Hochreiter and Schmidhuber (1997) as the chapter writes it:
 *
 *   fₜ = σ(W_f xₜ + U_f hₜ₋₁ + b_f)   forget gate
 *   iₜ = σ(W_i xₜ + U_i hₜ₋₁ + b_i)   input gate
 *   oₜ = σ(W_o xₜ + U_o hₜ₋₁ + b_o)   output gate
 *   c̃ₜ = tanh(W_c xₜ + U_c hₜ₋₁ + b_c) candidate
 *   cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ          cell state (additive: the gradient path that does not vanish)
 *   hₜ = oₜ ⊙ tanh(cₜ)
 *
 * Weights in PyTorch's layout and gate order (i, f, c̃, o): W = weightIh, U = weightHh,
 * b = b_ih + b_hh.
 */
export class LSTMCell extends RecurrentCell<LSTMState> {
  constructor(inputSize: number, hiddenSize: number, options: LSTMCellOptions = {}) {
    super('LSTMCell', inputSize, hiddenSize, 4, options);
    const { forgetBias } = options;
    if (forgetBias !== undefined) {
      if (!Number.isFinite(forgetBias)) throw new RangeError(`LSTMCell: forgetBias must be finite, got ${forgetBias}`);
      if (this.biasIh === null || this.biasHh === null) throw new RangeError('LSTMCell: forgetBias needs bias: true');
      setForgetBlock(this.biasIh, hiddenSize, forgetBias);
      setForgetBlock(this.biasHh, hiddenSize, 0);
    }
  }

  initialState(x: Tensor): LSTMState {
    const zero = zeroState(x, this.hiddenSize);
    return [zero, zero];
  }

  hidden([h]: LSTMState): Tensor {
    return h;
  }

  stateTensors([h, c]: LSTMState): Tensor[] {
    return [h, c];
  }

  stateFromTensors([h, c]: readonly Tensor[]): LSTMState {
    return [h!, c!];
  }

  /**
   * a = [xₜ, hₜ₋₁, 1]·[W_ih | W_hh | b]ᵀ, all four gates in one matmul [..., B, 4H]; then
   * the gates, cₜ and hₜ in one fused op (lstmPointwise).
   */
  stepper(x: Tensor): CellStep<LSTMState> {
    const gates = this.gateProduct(x, this.fusedWeight());
    const input = this.stepInput(x);
    return (xt, [h, c]) => lstmStateUpdate(gates(input(xt, h)), c);
  }
}

/** Overwrite the forget gate's block [H, 2H) of a bias vector with `value`, in place. */
function setForgetBlock(bias: Tensor, hiddenSize: number, value: number): void {
  const values = Float64Array.from(bias.data);
  values.fill(value, hiddenSize, 2 * hiddenSize);
  noGrad(() => bias.copy_(values));
}
