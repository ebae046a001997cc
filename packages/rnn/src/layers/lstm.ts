import type { Tensor } from '@shinkei/core-tensor';
import type { LSTMCellOptions, LSTMState } from '../cells/lstm-cell.js';
import { LSTMCell } from '../cells/lstm-cell.js';
import type { RecurrentLayerOptions } from './recurrent-layer.js';
import { RecurrentLayer } from './recurrent-layer.js';

export type LSTMOptions = RecurrentLayerOptions & LSTMCellOptions;

/**
 * An LSTM over sequences (PyTorch's nn.LSTM), LSTMCell at every step of every layer.
 * `forward(input, h0?, c0?)` returns [output, hN, cN]: [T, B, D·H], [L·D, B, H], [L·D, B, H]
 * (flat rather than PyTorch's (output, (hN, cN)), so the layer exports to ONNX as it is).
 */
export class LSTM extends RecurrentLayer<LSTMState, [Tensor, Tensor?, Tensor?], [Tensor, Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: LSTMOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options, (size) => new LSTMCell(size, hiddenSize, options));
  }

  forward(input: Tensor, h0?: Tensor, c0?: Tensor): [Tensor, Tensor, Tensor] {
    const [output, hN, cN] = this.runSequence(input, [h0, c0]);
    return [output!, hN!, cN!];
  }
}
