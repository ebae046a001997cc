import type { Tensor } from '@shinkei/core-tensor';
import { cat, matmulT, nn, ShapeError } from '@shinkei/core-tensor';
import { onesColumn } from './batch-columns.js';
import type { CellOptions, CellParameters } from './cell-options.js';
import { emptyCellParameters, expectRecurrentInit, initializeCell } from './cell-options.js';

/** One time step: the state after reading x, from the state before it. */
export type CellStep<S> = (x: Tensor, state: S) => S;

/**
 * The base of the Elman, LSTM and GRU cells: parameters in PyTorch's layout (W_ih
 * [G·H, I], W_hh [G·H, H], b_ih, b_hh [G·H] for G gate blocks) and the fused step input.
 *
 * Each step computes all gate pre-activations as one product of the step input
 * z = [x, h, 1] with the fused weight [W_ih | W_hh | b_ih + b_hh] (every gate block's rows):
 * the input and recurrent products and both biases in a single matmul,
 * W·[x; h; 1] = W_ih x + W_hh h + b. `stepper` fuses the weights once per sequence; the
 * step itself concatenates z, multiplies, and applies the gates (in one fused op for the
 * LSTM and the GRU). Steps work on [B, I] inputs and, unchanged, on the
 * [1, B, I] time slices the layers feed them.
 */
export abstract class RecurrentCell<S> extends nn.Module<[Tensor, S?], S> {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly biasIh: Tensor | null;
  readonly biasHh: Tensor | null;

  constructor(
    protected readonly cellName: string,
    readonly inputSize: number,
    readonly hiddenSize: number,
    readonly gates: number,
    options: CellOptions,
  ) {
    super();
    for (const [name, value] of [
      ['inputSize', inputSize],
      ['hiddenSize', hiddenSize],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${cellName}: ${name} must be an integer ≥ 1, got ${value}`);
    }
    expectRecurrentInit(cellName, options.recurrentInit ?? 'uniform');
    const empty = emptyCellParameters(inputSize, hiddenSize, gates, options);
    this.weightIh = this.registerParameter('weightIh', empty.weightIh);
    this.weightHh = this.registerParameter('weightHh', empty.weightHh);
    this.biasIh = empty.biasIh && this.registerParameter('biasIh', empty.biasIh);
    this.biasHh = empty.biasHh && this.registerParameter('biasHh', empty.biasHh);
    initializeCell(this.cellParameters(), hiddenSize, options);
  }

  /** The zero state for a batch shaped like the step input x [..., B, I]. */
  abstract initialState(x: Tensor): S;

  /** The hidden state hₜ (the cell's output) of a state. */
  abstract hidden(state: S): Tensor;

  /** The tensors of a state, in a fixed order (h; or h, c for the LSTM). */
  abstract stateTensors(state: S): Tensor[];

  /** A state from its tensors (the inverse of stateTensors). */
  abstract stateFromTensors(tensors: readonly Tensor[]): S;

  /** The step function for a sequence whose steps are shaped like x, with the weights fused once. */
  abstract stepper(x: Tensor): CellStep<S>;

  /** One step: the state after reading x [..., B, I] (from the zero state when none is given). */
  forward(x: Tensor, state?: S): S {
    return this.stepper(x)(x, state ?? this.initialState(x));
  }

  /** The parameters as one record. */
  cellParameters(): CellParameters {
    return { weightIh: this.weightIh, weightHh: this.weightHh, biasIh: this.biasIh, biasHh: this.biasHh };
  }

  /**
   * [W_ih | W_hh | b_ih + b_hh] of the first `count` gate blocks (all by default) as one
   * [count·H, I + H + 1] weight ([count·H, I + H] without bias): z·Wᵀ gives every gate's
   * pre-activation side by side, [..., B, count·H], in one matmul.
   */
  protected fusedWeight(count = this.gates): Tensor {
    const rows = (t: Tensor): Tensor => (count === this.gates ? t : t.narrow(0, 0, count * this.hiddenSize));
    const { biasIh, biasHh } = this;
    const blocks = [rows(this.weightIh), rows(this.weightHh)];
    if (biasIh !== null && biasHh !== null) blocks.push(rows(biasIh).add(rows(biasHh)).unsqueeze(1));
    return cat(blocks, 1);
  }

  /**
   * The gate product z ↦ z·Wᵀ for steps shaped like x [..., B, ·]. W gets the step's
   * leading dims as 1s ([1, G·H, K] for the layers' [1, B, ·] time steps), once per
   * sequence, so each step's ∂L/∂W = dAᵀ·z comes out in W's shape, with no reduction over
   * a broadcast dim (two ops a step fewer in backward).
   */
  protected gateProduct(x: Tensor, weight: Tensor): (z: Tensor) => Tensor {
    let w = weight;
    for (let d = 2; d < x.ndim; d++) w = w.unsqueeze(0);
    return (z) => matmulT(z, w, false, true);
  }

  /** The builder of z = [x, h, 1] for steps shaped like x (the ones column is made once). */
  protected stepInput(x: Tensor): (x: Tensor, h: Tensor) => Tensor {
    this.expectInput(x);
    const ones = this.biasIh === null ? null : onesColumn(x);
    return (xt, h) => {
      this.expectInput(xt);
      return cat(ones === null ? [xt, h] : [xt, h, ones], -1);
    };
  }

  private expectInput(x: Tensor): void {
    if (x.ndim < 2 || x.shape[x.ndim - 1] !== this.inputSize)
      throw new ShapeError(
        `${this.cellName}: step input [${x.shape.join(',')}] needs shape [..., B, ${this.inputSize}] (inputSize ${this.inputSize})`,
      );
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.biasIh === null ? ', bias=false' : ''}`;
  }
}
