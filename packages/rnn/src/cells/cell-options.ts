import type { Generator, Tensor } from '@shinkei/core-tensor';
import { nn, noGrad, zeros } from '@shinkei/core-tensor';

/**
 * How the recurrent weights W_hh start: 'uniform' is PyTorch's U(−1/√H, 1/√H) like every
 * other weight; 'orthogonal' (Saxe et al. 2013) makes each gate's H×H block an orthogonal
 * matrix; 'identity' makes each block identityScale·I and zeroes the biases, the IRNN of
 * Le, Jaitly and Hinton (2015) when paired with a ReLU Elman cell.
 */
export type RecurrentInit = 'uniform' | 'orthogonal' | 'identity';

/** Options shared by every cell (and passed through by the layers). */
export interface CellOptions {
  /** Learn the biases b_ih and b_hh (default true). */
  bias?: boolean;
  /** Initialization of W_hh (default 'uniform'). */
  recurrentInit?: RecurrentInit;
  /** The scale of the identity blocks when recurrentInit is 'identity' (default 1). */
  identityScale?: number;
  /** Parameter dtype (default float32; float64 for gradient checks). */
  dtype?: 'float32' | 'float64';
  /** Source of randomness for the initialization (the global generator by default). */
  generator?: Generator;
}

/** The four parameter tensors of a cell with `gates` gate blocks, in PyTorch's layout. */
export interface CellParameters {
  /** W_ih [gates·H, I] */
  weightIh: Tensor;
  /** W_hh [gates·H, H] */
  weightHh: Tensor;
  /** b_ih [gates·H], or null without bias */
  biasIh: Tensor | null;
  /** b_hh [gates·H], or null without bias */
  biasHh: Tensor | null;
}

/** Unregistered zero tensors of the right shapes, to be registered by the cell and filled by initializeCell. */
export function emptyCellParameters(
  inputSize: number,
  hiddenSize: number,
  gates: number,
  options: CellOptions,
): CellParameters {
  const dtype = options.dtype ?? 'float32';
  const withBias = options.bias ?? true;
  return {
    weightIh: zeros([gates * hiddenSize, inputSize], { dtype }),
    weightHh: zeros([gates * hiddenSize, hiddenSize], { dtype }),
    biasIh: withBias ? zeros([gates * hiddenSize], { dtype }) : null,
    biasHh: withBias ? zeros([gates * hiddenSize], { dtype }) : null,
  };
}

/**
 * Fill a cell's parameters in place: every tensor ~ U(−1/√H, 1/√H) (PyTorch's RNN
 * default), then W_hh per `recurrentInit`, gate block by gate block.
 */
export function initializeCell(parameters: CellParameters, hiddenSize: number, options: CellOptions): void {
  const generatorOption = options.generator === undefined ? {} : { generator: options.generator };
  const bound = 1 / Math.sqrt(hiddenSize);
  for (const t of [parameters.weightIh, parameters.weightHh, parameters.biasIh, parameters.biasHh]) {
    if (t !== null) nn.init.uniform_(t, -bound, bound, generatorOption);
  }
  const recurrentInit = options.recurrentInit ?? 'uniform';
  if (recurrentInit === 'uniform') return;
  const { weightHh } = parameters;
  const gates = weightHh.shape[0]! / hiddenSize;
  const values = new Float64Array(weightHh.size);
  const block = zeros([hiddenSize, hiddenSize], { dtype: 'float64' });
  const scale = options.identityScale ?? 1;
  for (let gate = 0; gate < gates; gate++) {
    if (recurrentInit === 'orthogonal') nn.init.orthogonal_(block, generatorOption);
    const offset = gate * hiddenSize * hiddenSize;
    for (let i = 0; i < hiddenSize; i++) {
      for (let j = 0; j < hiddenSize; j++) {
        values[offset + i * hiddenSize + j] =
          recurrentInit === 'orthogonal' ? block.data[i * hiddenSize + j]! : i === j ? scale : 0;
      }
    }
  }
  noGrad(() => weightHh.copy_(values));
  if (recurrentInit === 'identity') {
    for (const b of [parameters.biasIh, parameters.biasHh]) if (b !== null) nn.init.zeros_(b);
  }
}

/** Throw unless the recurrentInit option is known. */
export function expectRecurrentInit(layer: string, init: string): void {
  if (init !== 'uniform' && init !== 'orthogonal' && init !== 'identity')
    throw new RangeError(`${layer}: recurrentInit must be 'uniform', 'orthogonal' or 'identity', got '${init}'`);
}
