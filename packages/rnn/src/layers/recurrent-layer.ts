import type { Generator, Tensor } from '@shinkei/core-tensor';
import { cat, isGradEnabled, nn, ShapeError } from '@shinkei/core-tensor';
import type { RecurrentCell } from '../cells/recurrent-cell.js';
import { timeSteps } from './time-steps.js';

/** The sequence options every layer takes (PyTorch's nn.RNN/LSTM/GRU, plus truncated BPTT). */
export interface RecurrentLayerOptions {
  /** Stacked layers: layer l reads layer l − 1's outputs (default 1). */
  numLayers?: number;
  /** Also run a second cell from the last step to the first and concatenate both outputs (default false). */
  bidirectional?: boolean;
  /** Input and output are [B, T, ·] instead of [T, B, ·] (default false); states stay [L·D, B, H]. */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training (default 0). */
  dropout?: number;
  /**
   * Truncated BPTT: cut the gradient path of the state every `truncate` steps (the forward
   * pass still carries the state through), so gradients flow back at most that many steps.
   */
  truncate?: number;
}

/** What forwardSteps returns: the last layer's output at every step and every cell's final state. */
export interface StepsResult<S> {
  /** One tensor per step, [..., B, D·H]. */
  outputs: Tensor[];
  /** The final state of every cell, in the order layer 0 (forward, reverse), layer 1, … */
  state: S[];
}

type CellFactory<S> = (inputSize: number) => RecurrentCell<S>;

/**
 * A recurrent layer over sequences: a stack of `numLayers` cells, each run forward (and,
 * when bidirectional, also backward) over time; backpropagation through time is the
 * autograd of the unrolled loop. Subclasses fix the cell and the forward signature.
 */
export abstract class RecurrentLayer<S, In extends unknown[], Out> extends nn.Module<In, Out> {
  /** The cells, cells[layer][direction] (direction 1 runs backward in time). */
  readonly cells: RecurrentCell<S>[][];
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly truncate: number | undefined;
  readonly #dropout: nn.Dropout | null;

  constructor(
    protected readonly layerName: string,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentLayerOptions & { generator?: Generator },
    makeCell: CellFactory<S>,
  ) {
    super();
    this.numLayers = options.numLayers ?? 1;
    if (!Number.isInteger(this.numLayers) || this.numLayers < 1)
      throw new RangeError(`${layerName}: numLayers must be an integer ≥ 1, got ${this.numLayers}`);
    this.bidirectional = options.bidirectional ?? false;
    this.batchFirst = options.batchFirst ?? false;
    this.truncate = options.truncate;
    if (this.truncate !== undefined && !(Number.isInteger(this.truncate) && this.truncate >= 1))
      throw new RangeError(`${layerName}: truncate must be an integer ≥ 1, got ${this.truncate}`);
    const p = options.dropout ?? 0;
    if (!(p >= 0 && p < 1)) throw new RangeError(`${layerName}: dropout must be in [0, 1), got ${p}`);
    const directions = this.bidirectional ? 2 : 1;
    this.cells = Array.from({ length: this.numLayers }, (_, layer) =>
      Array.from({ length: directions }, (_, direction) =>
        this.registerModule(
          `layer${layer}${direction === 1 ? 'Reverse' : ''}`,
          makeCell(layer === 0 ? inputSize : directions * hiddenSize),
        ),
      ),
    );
    this.#dropout =
      p > 0 && this.numLayers > 1
        ? this.registerModule('dropout', new nn.Dropout(p, options.generator ? { generator: options.generator } : {}))
        : null;
  }

  /** Number of directions D (2 when bidirectional). */
  get directions(): number {
    return this.bidirectional ? 2 : 1;
  }

  /**
   * Run the stack over a list of step inputs (each [..., B, I]), from `state` (one per cell,
   * zeros by default). This is the loop every forward uses; call it directly to feed steps
   * one at a time (sampling) or steps cut from a sequence with `timeSteps` (the language
   * model's embedded characters).
   */
  forwardSteps(inputs: readonly Tensor[], state?: readonly S[]): StepsResult<S> {
    const T = inputs.length;
    if (T === 0) throw new ShapeError(`${this.layerName}: the sequence is empty (needs at least one step)`);
    const cellCount = this.numLayers * this.directions;
    if (state !== undefined && state.length !== cellCount)
      throw new ShapeError(`${this.layerName}: ${state.length} initial states given for ${cellCount} cells`);
    let layerInputs: readonly Tensor[] = inputs;
    const finals: S[] = [];
    this.cells.forEach((directionCells, layer) => {
      const perDirection = directionCells.map((cell, direction) => {
        const initial = state?.[layer * this.directions + direction];
        const { outputs, final } = this.runCell(cell, layerInputs, direction === 1, initial);
        finals.push(final);
        return outputs;
      });
      let next =
        perDirection.length === 1
          ? perDirection[0]!
          : perDirection[0]!.map((f, t) => cat([f, perDirection[1]![t]!], -1));
      if (this.#dropout !== null && layer < this.numLayers - 1) next = next.map((y) => this.#dropout!.call(y));
      layerInputs = next;
    });
    return { outputs: [...layerInputs], state: finals };
  }

  /**
   * A whole sequence [T, B, I] ([B, T, I] when batchFirst) from initial state tensors
   * (each [L·D, B, H], or undefined for zeros): the output [T, B, D·H] ([B, T, D·H]) and
   * each final state tensor stacked to [L·D, B, H]. Time steps are [1, B, ·] slices cut by
   * one unbind (see timeSteps) and all shapes come from ops on the input, so an exported
   * graph accepts any batch size.
   */
  protected runSequence(input: Tensor, initial: readonly (Tensor | undefined)[]): Tensor[] {
    if (input.ndim !== 3 || input.shape[2] !== this.inputSize) {
      const layout = this.batchFirst ? 'B, T' : 'T, B';
      throw new ShapeError(
        `${this.layerName}: input [${input.shape.join(',')}] needs shape [${layout}, ${this.inputSize}] (inputSize ${this.inputSize})`,
      );
    }
    const B = input.shape[this.batchFirst ? 0 : 1]!;
    const steps = timeSteps(input, this.batchFirst ? 1 : 0);
    const cellCount = this.numLayers * this.directions;
    initial.forEach((t) => {
      if (
        t !== undefined &&
        (t.ndim !== 3 || t.shape[0] !== cellCount || t.shape[1] !== B || t.shape[2] !== this.hiddenSize)
      )
        throw new ShapeError(
          `${this.layerName}: initial state [${t.shape.join(',')}] needs shape [${cellCount}, ${B}, ${this.hiddenSize}] (numLayers·directions, batch, hiddenSize)`,
        );
    });
    const state = initial.every((t) => t === undefined)
      ? undefined
      : this.cells.flat().map((cell, k) => {
          const zero = cell.stateTensors(cell.initialState(steps[0]!));
          return cell.stateFromTensors(zero.map((z, j) => initial[j]?.narrow(0, k, 1) ?? z));
        });
    const { outputs, state: finals } = this.forwardSteps(steps, state);
    const output = cat(outputs, 0);
    const cells = this.cells.flat();
    const stacked = initial.map((_, j) =>
      cat(
        finals.map((s, k) => cells[k]!.stateTensors(s)[j]!),
        0,
      ),
    );
    return [this.batchFirst ? output.transpose(0, 1) : output, ...stacked];
  }

  private runCell(
    cell: RecurrentCell<S>,
    inputs: readonly Tensor[],
    reverse: boolean,
    initial: S | undefined,
  ): { outputs: Tensor[]; final: S } {
    const T = inputs.length;
    const step = cell.stepper(inputs[0]!);
    let state = initial ?? cell.initialState(inputs[0]!);
    const outputs = new Array<Tensor>(T);
    const truncating = this.truncate !== undefined && isGradEnabled();
    for (let k = 0; k < T; k++) {
      const t = reverse ? T - 1 - k : k;
      if (truncating && k > 0 && k % this.truncate! === 0) state = detachState(cell, state);
      state = step(inputs[t]!, state);
      outputs[t] = cell.hidden(state);
    }
    return { outputs, final: state };
  }

  override extraRepr(): string {
    const extras = [
      this.numLayers > 1 ? `numLayers=${this.numLayers}` : '',
      this.bidirectional ? 'bidirectional=true' : '',
      this.batchFirst ? 'batchFirst=true' : '',
      this.truncate !== undefined ? `truncate=${this.truncate}` : '',
    ].filter((s) => s !== '');
    return [`${this.inputSize}, ${this.hiddenSize}`, ...extras].join(', ');
  }
}

/** The same state cut from the graph: gradients stop here (truncated BPTT between chunks). */
export function detachState<S>(cell: RecurrentCell<S>, state: S): S {
  return cell.stateFromTensors(cell.stateTensors(state).map((t) => t.detach()));
}
