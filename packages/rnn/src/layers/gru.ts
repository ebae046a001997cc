import type { Tensor } from '@shinkei/core-tensor';
import type { CellOptions } from '../cells/cell-options.js';
import { GRUCell } from '../cells/gru-cell.js';
import type { RecurrentLayerOptions } from './recurrent-layer.js';
import { RecurrentLayer } from './recurrent-layer.js';

export type GRUOptions = RecurrentLayerOptions & CellOptions;

/**
 * A GRU over sequences (PyTorch's nn.GRU), GRUCell at every step of every layer.
 * `forward(input, h0?)` returns [output, hN]: [T, B, D·H] and [L·D, B, H].
 */
export class GRU extends RecurrentLayer<Tensor, [Tensor, Tensor?], [Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    super('GRU', inputSize, hiddenSize, options, (size) => new GRUCell(size, hiddenSize, options));
  }

  forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [output, hN] = this.runSequence(input, [h0]);
    return [output!, hN!];
  }
}
