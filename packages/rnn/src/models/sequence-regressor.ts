import type { Tensor } from '@shinkei/core-tensor';
import { cat, nn } from '@shinkei/core-tensor';
import type { ElmanOptions } from '../layers/elman.js';
import { Elman } from '../layers/elman.js';
import { GRU } from '../layers/gru.js';
import { LSTM } from '../layers/lstm.js';

/** Which recurrent layer a model uses. */
export type RecurrentKind = 'elman' | 'lstm' | 'gru';

export interface SequenceRegressorOptions extends ElmanOptions {
  /** LSTM only: the forget-gate bias at initialization (see LSTMCellOptions). */
  forgetBias?: number;
  /** Outputs per sequence (default 1). */
  outputSize?: number;
}

/** A recurrent layer of any kind (the Elman, LSTM and GRU layers share this shape). */
export type AnyRecurrentLayer = Elman | LSTM | GRU;

/** Build the layer of a kind with shared options (activation applies to Elman, forgetBias to LSTM). */
export function recurrentLayer(
  kind: RecurrentKind,
  inputSize: number,
  hiddenSize: number,
  options: SequenceRegressorOptions = {},
): AnyRecurrentLayer {
  const { activation, forgetBias, outputSize: _outputSize, ...shared } = options;
  switch (kind) {
    case 'elman':
      return new Elman(inputSize, hiddenSize, activation === undefined ? shared : { ...shared, activation });
    case 'lstm':
      return new LSTM(inputSize, hiddenSize, forgetBias === undefined ? shared : { ...shared, forgetBias });
    case 'gru':
      return new GRU(inputSize, hiddenSize, shared);
  }
}

/**
 * Sequence to one number (or a few): a recurrent layer reads the sequence and a linear
 * readout maps the last layer's final hidden state to the prediction, ŷ = W_hy h_T + b_y
 * (the chapter's yₜ = φ(W_hy hₜ + b_y) at t = T with φ the identity; a bidirectional layer
 * contributes both directions' final states). Input [T, B, I]
 * (time-major), output [B] ([B, outputSize] when outputSize > 1).
 */
export class SequenceRegressor extends nn.Module {
  readonly rnn: AnyRecurrentLayer;
  readonly readout: nn.Linear;
  readonly outputSize: number;

  constructor(
    readonly kind: RecurrentKind,
    inputSize: number,
    hiddenSize: number,
    options: SequenceRegressorOptions = {},
  ) {
    super();
    if (options.batchFirst) throw new RangeError('SequenceRegressor: inputs are time-major [T, B, I]');
    this.outputSize = options.outputSize ?? 1;
    this.rnn = this.registerModule('rnn', recurrentLayer(kind, inputSize, hiddenSize, options));
    const directions = options.bidirectional ? 2 : 1;
    this.readout = this.registerModule(
      'readout',
      new nn.Linear(directions * hiddenSize, this.outputSize, {
        ...(options.dtype ? { dtype: options.dtype } : {}),
        ...(options.generator ? { generator: options.generator } : {}),
      }),
    );
  }

  forward(input: Tensor): Tensor {
    const [, hN] = this.rnn.call(input);
    const { numLayers, directions } = this.rnn;
    const top = (direction: number): Tensor => hN.narrow(0, (numLayers - 1) * directions + direction, 1);
    const last = directions === 1 ? top(0) : cat([top(0), top(1)], -1);
    const prediction = this.readout.call(last);
    const B = input.shape[1]!;
    return this.outputSize === 1 ? prediction.reshape([B]) : prediction.reshape([B, this.outputSize]);
  }
}
