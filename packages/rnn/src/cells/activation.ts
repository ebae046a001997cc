import type { Tensor } from '@shinkei/core-tensor';

/** The nonlinearity σ of an Elman cell: tanh (default), the logistic sigmoid of the chapter, or ReLU (IRNN). */
export type Activation = 'tanh' | 'sigmoid' | 'relu';

/** σ(x) for the chosen activation. */
export function activate(x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'tanh':
      return x.tanh();
    case 'sigmoid':
      return x.sigmoid();
    case 'relu':
      return x.relu();
  }
}

/** Throw unless `activation` is one this package knows. */
export function expectActivation(layer: string, activation: string): asserts activation is Activation {
  if (activation !== 'tanh' && activation !== 'sigmoid' && activation !== 'relu')
    throw new RangeError(`${layer}: activation must be 'tanh', 'sigmoid' or 'relu', got '${activation}'`);
}
