/**
 * Every indexing op's ONNX lowering, exported with exportOnnx and run in ONNX Runtime,
 * gives the eager results, including the backward-only primitives and a dynamic batch.
 */
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/autograd/dispatch.js';
import {
  cat,
  chunk,
  cumsum,
  einsum,
  flip,
  gather,
  index,
  indexAdd,
  indexSelect,
  maskedFill,
  narrow,
  oneHot,
  pad,
  padOp,
  repeat,
  roll,
  scatterAdd,
  slice,
  sliceScatterOp,
  split,
  stack,
  take,
  tile,
  tril,
  triu,
} from '../../src/ops/indexing/index.js';
import { OrtModel } from '../../src/ort/index.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { ints, sample } from './helpers.js';

const x = sample([3, 4, 5], 'float32');
const y = sample([3, 2, 5], 'float32').mul(2);
const m = sample([4, 6], 'float32');

type Case = [string, (...inputs: Tensor[]) => Tensor | Tensor[], Tensor[]];

const cases: Case[] = [
  ['cat and stack', (a, b) => [cat([a!, b!, a!], 1), stack([a!, a!.neg()], -1)], [x, y]],
  ['split and chunk', (a) => [...split(a!, [1, 3], 1), ...chunk(a!, 2, -1)], [x]],
  ['slice and narrow', (a) => [slice(a!, 2, 1, undefined, 2), slice(a!, 0, -2), narrow(a!, 1, 1, 2)], [x]],
  ['index: numbers, ranges, new axes', (a) => index(a!, 1, null, '...', { start: -4, step: 3 }), [x]],
  ['index: one tensor', (a) => index(a!, { start: 1 }, ints([[3], [-1]])), [x]],
  ['index: tensors apart', (a) => index(a!, ints([0, 2, -1]), { step: 2 }, ints([4, 0, 1])), [x]],
  ['index: tensor indices as graph inputs', (a, i, j) => index(a!, i!, j!), [m, ints([3, -4, 0]), ints([[5], [0]])]],
  [
    'gather and scatterAdd',
    (a) => [
      gather(
        a!,
        1,
        ints([
          [0, 5],
          [5, -1],
          [2, 2],
          [1, 0],
        ]),
      ),
      scatterAdd(a!, 0, ints([[3, 3, 0, 1, 1, 0]]), a!.mul(3)),
    ],
    [m],
  ],
  [
    'indexSelect, indexAdd, take',
    (a) => [
      indexSelect(a!, 1, ints([5, -6, 2])),
      indexAdd(a!, 0, ints([1, 1]), narrow(a!.mul(0.5), 0, 0, 2)),
      take(
        a!,
        ints([
          [23, 0],
          [-1, 7],
        ]),
      ),
    ],
    [m],
  ],
  ['maskedFill', (a) => maskedFill(a!, tensor([true, false, false, true, false, true]), -4), [m]],
  [
    'pad: constant (with a crop), reflect, replicate',
    (a) => [
      pad(a!, [2, -1, 0, 1], 'constant', 1.5),
      pad(a!, [2, 3, 1, 2], 'reflect'),
      pad(a!, [1, 2, 3, 0], 'replicate'),
    ],
    [m],
  ],
  [
    'repeat, tile, flip, roll',
    (a) => [repeat(a!, 2, 1, 3), tile(a!, [2]), flip(a!, [0, -1]), roll(a!, [2, -1], [0, 1])],
    [m],
  ],
  ['tril, triu, cumsum', (a) => [tril(a!, 1), triu(a!, -1), cumsum(a!, 1), cumsum(a!, -2)], [m]],
  [
    'oneHot',
    (labels) => [oneHot(labels!, 5), oneHot(labels!, 5, { dtype: 'int32' })],
    [
      ints([
        [4, 0],
        [2, 2],
      ]),
    ],
  ],
  [
    'einsum',
    (a, b) => [einsum('ij,kj->ik', a!, b!), einsum('ij->j', a!), einsum('ij,kj,k->i', a!, b!, b!.sum(1))],
    [m, sample([3, 6], 'float32')],
  ],
  [
    'backward primitives: sliceScatter and reflect/replicate pad adjoints',
    (g) => [
      apply(sliceScatterOp, [g!], { shape: [9, 13], starts: [1, 0], steps: [2, 2] }),
      apply(sliceScatterOp, [g!], { shape: [6, 8], starts: [1, 2], steps: [1, 1] }),
      padBackward(g!, 'reflect'),
      padBackward(g!, 'replicate'),
    ],
    [m],
  ],
];

/** The gradient pad's backward rule produces for an upstream dy (shape [4,6] here, from a [2,3] input). */
function padBackward(dy: Tensor, mode: 'reflect' | 'replicate'): Tensor {
  const source = sample([2, 3], 'float32');
  return padOp.backward(
    { inputs: [source], output: dy, attrs: { before: [1, 2], after: [1, 1], mode, value: 0 } },
    dy,
  )[0]!;
}

describe('indexing ops in ONNX Runtime', () => {
  it.each(cases)('%s', (_, f, inputs) => {
    const eager = [f(...inputs)].flat();
    const outputs = OrtModel.fromModule(f, inputs).runSync(inputs);
    expect(outputs.length).toBe(eager.length);
    eager.forEach((e, i) => {
      expect(outputs[i]!.shape).toEqual(e.shape);
      expect(outputs[i]!.dtype).toBe(e.dtype);
      expect(outputs[i]!).toBeAllClose(e, { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('keeps the batch dim dynamic', () => {
    const f = (a: Tensor): Tensor[] => [
      slice(a, 1, 1, undefined, 2),
      flip(a, [0, 1]),
      index(a, '...', ints([2, 0])),
      apply(sliceScatterOp, [a], { shape: [a.shape[0]!, 11], starts: [0, 1], steps: [1, 3] }),
      indexAdd(a, 1, ints([0, 0]), narrow(a, 1, 1, 2)),
      einsum('bi,ij->bj', a, sample([4, 3], 'float32')),
    ];
    const model = OrtModel.fromModule(f, [sample([2, 4], 'float32')], {
      dynamicAxes: Object.fromEntries(
        ['input', 'output_0', 'output_1', 'output_2', 'output_3', 'output_4', 'output_5'].map((name) => [
          name,
          { 0: 'batch' },
        ]),
      ),
    });
    const other = sample([5, 4], 'float32').mul(-1);
    model.runSync([other]).forEach((out, i) => {
      expect(out).toBeAllClose(f(other)[i]!, { rtol: 1e-5, atol: 1e-6 });
    });
  });
});
