import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { OpObserver } from '../../src/autograd/dispatch.js';
import { setOpObserver } from '../../src/autograd/dispatch.js';
import { grad, gradients } from '../../src/autograd/functional.js';
import { AutogradError, ShapeError } from '../../src/errors.js';
import { narrow, stack, unbind } from '../../src/ops/indexing/index.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

/** torch.unbind(x, dim) of x = sample([2, 3, 2]), printed by torch 1.13 (rounded to 1e-6). */
const TORCH_SLICES: Record<number, number[][]> = {
  0: [
    [0.29552, 0.841471, 0.991665, 0.675463, 0.041581, -0.611858],
    [-0.97753, -0.883455, -0.373877, 0.311541, 0.850437, 0.989358],
  ],
  1: [
    [0.29552, 0.841471, -0.97753, -0.883455],
    [0.991665, 0.675463, -0.373877, 0.311541],
    [0.041581, -0.611858, 0.850437, 0.989358],
  ],
  [-1]: [
    [0.29552, 0.991665, 0.041581, -0.97753, -0.373877, 0.850437],
    [0.841471, 0.675463, -0.611858, -0.883455, 0.311541, 0.989358],
  ],
};

/** Counts the ops run while `fn` runs (forward or backward), by name. */
function countOps(fn: () => void): Map<string, number> {
  const counts = new Map<string, number>();
  const counter: OpObserver = {
    record: (op) => counts.set(op.name, (counts.get(op.name) ?? 0) + 1),
    recordMultiOutput: (op) => counts.set(op.name, (counts.get(op.name) ?? 0) + 1),
    read: () => undefined,
  };
  const previous = setOpObserver(counter);
  try {
    fn();
  } finally {
    setOpObserver(previous);
  }
  return counts;
}

describe('unbind values', () => {
  it.each([0, 1, -1])('matches torch.unbind along dim %i', (dim) => {
    const x = sample([2, 3, 2]);
    const slices = unbind(x, dim);
    const expected = TORCH_SLICES[dim]!;
    const shape = x.shape.filter((_, d) => d !== (dim + 3) % 3);
    expect(slices.length).toBe(expected.length);
    slices.forEach((s, i) => {
      expect(s.shape).toEqual(shape);
      expect(s).toBeAllClose(tensor(expected[i]!, { dtype: 'float64' }).reshape(shape), { atol: 1e-6 });
    });
  });

  it('is the inverse of stack, keeps the dtype and copies (writing a slice leaves x alone)', () => {
    const x = sample([4, 2, 3], 'float32');
    for (const dim of [0, 1, 2]) expect(stack(unbind(x, dim), dim)).toBeAllClose(x, { atol: 0 });
    const labels = unbind(ints([[1, 2, 3]]), 1);
    expect(labels.map((t) => [t.dtype, t.toArray()])).toEqual([
      ['int32', [1]],
      ['int32', [2]],
      ['int32', [3]],
    ]);
    unbind(x)[0]!.fill_(7);
    expect(x.toArray()).toEqual(sample([4, 2, 3], 'float32').toArray());
  });

  it('gives no slices for an empty dim and empty slices for an empty other dim, like PyTorch', () => {
    expect(unbind(zeros([0, 3]))).toEqual([]);
    expect(unbind(zeros([3, 0])).map((t) => t.shape)).toEqual([[0], [0], [0]]);
    expect(unbind(tensor([5, 6])).map((t) => [t.shape, t.item()])).toEqual([
      [[], 5],
      [[], 6],
    ]);
  });

  it('refuses a 0-d tensor and a dim out of range', () => {
    expect(() => unbind(tensor(1))).toThrow(ShapeError);
    expect(() => unbind(tensor(1))).toThrow(/unbind: expected a tensor with at least 1 dim, got a 0-d tensor/);
    expect(() => unbind(zeros([2, 3]), 2)).toThrow(RangeError);
    expect(() => unbind(zeros([2, 3]), 2)).toThrow(/unbind: dim 2 is out of range for a tensor of 2 dims/);
  });
});

describe('unbind gradients', () => {
  it('matches the gradient torch computes when only some slices are used', () => {
    const x = sample([2, 3, 2]).requiresGrad_();
    const [a, , c] = unbind(x, 1);
    a!.mul(2).sum().add(c!.square().sum()).backward();
    const expected = [2, 2, 0, 0, 0.083161, -1.223716, 2, 2, 0, 0, 1.700873, 1.978716];
    expect(x.grad!).toBeAllClose(tensor(expected, { dtype: 'float64' }).reshape([2, 3, 2]), { atol: 1e-6 });
  });

  it.each([0, 1, -1])('gradcheck with every slice used, dim %i', (dim) => {
    assertGradcheck(
      (x) => {
        const slices = unbind(x!.mul(1.5), dim);
        return stack(
          slices.map((s, i) => s.mul(i + 1).tanh()),
          0,
        );
      },
      [sample([3, 2, 4])],
    );
  });

  it('gradcheck with only some slices used (the others get zeros)', () => {
    assertGradcheck((x) => unbind(x!, 0)[1]!.exp(), [sample([4, 3])]);
    assertGradcheck(
      (x) => {
        const s = unbind(x!, 1);
        return s[3]!.mul(s[0]!).add(s[3]!);
      },
      [sample([2, 5, 3])],
    );
  });

  it('gradcheck through a recurrence that reads the slices at different depths', () => {
    // hₜ = tanh(w ⊙ hₜ₋₁ + xₜ): slice t is consumed t steps below the loss, so the
    // sweep reaches the slices far apart and the shared node must wait for the last one
    assertGradcheck(
      (x, w) => {
        let h = zeros([3], { dtype: 'float64' });
        for (const xt of unbind(x!, 0)) h = xt.add(h.mul(w!)).tanh();
        return h;
      },
      [sample([6, 3]), sample([3]).add(0.5)],
    );
  });

  it('double backward: the gradient of a function of slices differentiates again', () => {
    const f = (x: Tensor): Tensor => {
      const [a, b, , d] = unbind(x, 1);
      return a!.mul(b!).sin().add(d!.pow(3)).sum();
    };
    assertGradcheck((x) => grad(f)(x!) as Tensor, [sample([2, 4])]);
  });

  it('assembles the backward with one stack (one cat), not one scatter per slice', () => {
    const x = sample([50, 4, 3]).requiresGrad_();
    const loss = unbind(x, 0)
      .map((s, t) => s.mul(t))
      .filter((_, t) => t !== 7)
      .reduce((acc, s) => acc.add(s))
      .sum();
    const ops = countOps(() => loss.backward());
    expect(ops.get('cat')).toBe(1);
    expect(ops.get('sliceScatter')).toBeUndefined();
    expect(ops.get('slice')).toBeUndefined();
    expect(x.grad!.shape).toEqual([50, 4, 3]);
    expect(x.grad!.narrow(0, 7, 1).abs().sum().item()).toBe(0);
    expect(x.grad!.narrow(0, 9, 1).sum().item()).toBe(9 * 12);
  });

  it('stops at target slices as gradients() stops at any target (same as with narrow)', () => {
    const x = sample([3, 2]).requiresGrad_();
    const [a, b, c] = unbind(x, 0);
    const viaUnbind = gradients(a!.mul(b!).add(c!).sum(), [b!, x]);
    const [p, q, r] = [0, 1, 2].map((t) => narrow(x, 0, t, 1).reshape([2]));
    const viaNarrow = gradients(p!.mul(q!).add(r!).sum(), [q!, x]);
    expect(viaUnbind[0]!).toBeAllClose(viaNarrow[0]!, { atol: 0 });
    expect(viaUnbind[1]!).toBeAllClose(viaNarrow[1]!, { atol: 0 });
    expect(viaUnbind[1]!.toArray()).toEqual([
      [x.data[2], x.data[3]],
      [0, 0],
      [1, 1],
    ]);
  });

  it('frees the shared node after backward unless retainGraph is set', () => {
    const x = sample([2, 3]).requiresGrad_();
    const [a, b] = unbind(x, 0);
    a!.sum().backward(undefined, { retainGraph: true });
    const [c, d] = unbind(x, 0);
    c!.sum().backward();
    expect(() => d!.sum().backward()).toThrow(AutogradError);
    expect(() => d!.sum().backward()).toThrow(/graph through 'unbind' was already freed/);
    b!.sum().backward();
    expect(x.grad!.toArray()).toEqual([
      [2, 2, 2],
      [1, 1, 1],
    ]);
  });

  it('records no graph for int tensors or under no requiresGrad', () => {
    expect(unbind(ints([[1, 2]]), 1).every((t) => t.gradNode === null)).toBe(true);
    expect(unbind(sample([2, 2])).every((t) => !t.requiresGrad)).toBe(true);
    const slices = unbind(sample([2, 2]).requiresGrad_());
    expect(slices[0]!.gradNode).toBe(slices[1]!.gradNode);
    expect(slices[0]!.toString()).toMatch(/grad_fn=<unbind>/);
  });
});
