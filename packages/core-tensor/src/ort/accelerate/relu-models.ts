import type { OpModel } from './op-model.js';
import { opModel } from './op-model.js';

/** y = max(0, x) of a float32 tensor of rank `rank`. */
export function reluModel(rank: number): OpModel {
  return opModel('relu', [{ name: 'x', dtype: 'float32', rank }], (g) => {
    const [y] = g.node('Relu', ['x']);
    return [{ value: y!, dtype: 'float32', rank }];
  });
}

/** ReLU's vector–Jacobian product dx = 0 where x ≤ 0, else dy (float32, same shapes; PyTorch's rule). */
export function reluBackwardModel(rank: number): OpModel {
  const inputs = [
    { name: 'dy', dtype: 'float32', rank },
    { name: 'x', dtype: 'float32', rank },
  ] as const;
  return opModel('reluBackward', inputs, (g) => {
    const zero = g.constant([0], 'float32', []);
    const [blocked] = g.node('LessOrEqual', ['x', zero]);
    const [dx] = g.node('Where', [blocked!, zero, 'dy']);
    return [{ value: dx!, dtype: 'float32', rank }];
  });
}
