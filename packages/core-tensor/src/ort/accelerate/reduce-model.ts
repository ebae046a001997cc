import { int64Constant } from '../../onnx/lowering.js';
import type { OpModel } from './op-model.js';
import { opModel } from './op-model.js';

/** Σ of a float32 tensor of rank `rank` over `dims`, keeping them as size-1 dims (the output's layout either way). */
export function reduceSumModel(rank: number, dims: readonly number[]): OpModel {
  return opModel('sum', [{ name: 'x', dtype: 'float32', rank }], (g) => {
    const [y] = g.node('ReduceSum', ['x', int64Constant(g, dims)], { keepdims: 1 });
    return [{ value: y!, dtype: 'float32', rank }];
  });
}
