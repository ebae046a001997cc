import type { Tensor } from '@shinkei/core-tensor';
import type { Activation } from './activation.js';
import { activate, expectActivation } from './activation.js';
import { zeroState } from './batch-columns.js';
import type { CellOptions } from './cell-options.js';
import type { CellStep } from './recurrent-cell.js';
import { RecurrentCell } from './recurrent-cell.js';

export interface ElmanCellOptions extends CellOptions {
  /** The nonlinearity σ: 'tanh' (default, as PyTorch), 'sigmoid' (the chapter's σ) or 'relu' (IRNN). */
  activation?: Activation;
}

/**
 * The Elman (1990) cell of the chapter: hₜ = σ(W_xh xₜ + W_hh hₜ₋₁ + b_h), with
 * W_xh = weightIh and b_h = b_ih + b_hh (PyTorch's RNNCell). The readout
 * yₜ = φ(W_hy hₜ + b_y) is a separate Linear layer.
 */
export class ElmanCell extends RecurrentCell<Tensor> {
  readonly activation: Activation;

  constructor(inputSize: number, hiddenSize: number, options: ElmanCellOptions = {}) {
    super('ElmanCell', inputSize, hiddenSize, 1, options);
    const activation = options.activation ?? 'tanh';
    expectActivation('ElmanCell', activation);
    this.activation = activation;
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

  /** hₜ = σ([xₜ, hₜ₋₁, 1]·[W_xh | W_hh | b_h]ᵀ) */
  stepper(x: Tensor): CellStep<Tensor> {
    const gates = this.gateProduct(x, this.fusedWeight());
    const input = this.stepInput(x);
    return (xt, h) => activate(gates(input(xt, h)), this.activation);
  }

  override extraRepr(): string {
    return `${super.extraRepr()}, activation=${this.activation}`;
  }
}
