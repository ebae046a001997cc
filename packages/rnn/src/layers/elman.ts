import type { Tensor } from '@shinkei/core-tensor';
import type { ElmanCellOptions } from '../cells/elman-cell.js';
import { ElmanCell } from '../cells/elman-cell.js';
import type { RecurrentLayerOptions } from './recurrent-layer.js';
import { RecurrentLayer } from './recurrent-layer.js';

export type ElmanOptions = RecurrentLayerOptions & ElmanCellOptions;

/**
 * An Elman network over sequences (PyTorch's nn.RNN): hₜ = σ(W_xh xₜ + W_hh hₜ₋₁ + b_h)
 * at every step of every layer. `forward(input, h0?)` returns [output, hN]: the last
 * layer's hₜ at every step, [T, B, D·H], and every cell's final state, [L·D, B, H].
 */
export class Elman extends RecurrentLayer<Tensor, [Tensor, Tensor?], [Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: ElmanOptions = {}) {
    super('Elman', inputSize, hiddenSize, options, (size) => new ElmanCell(size, hiddenSize, options));
  }

  forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [output, hN] = this.runSequence(input, [h0]);
    return [output!, hN!];
  }
}
