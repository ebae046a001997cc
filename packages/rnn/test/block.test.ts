import { assertGradcheck, Generator, gradients, noGrad, randn } from '@shinkei/core-tensor';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { OrtModel } from '@shinkei/core-tensor/ort';
import { describe, expect, it } from 'vitest';
import { blockOf, blockScatter } from '../src/cells/fused/block.js';

const attrs = { start: 3, width: 2, total: 7 };

describe('blockOf / blockScatter: a last-dim block of the packed cell output and its adjoint', () => {
  const g = new Generator(41);

  it('blockOf is narrow(-1, start, width); blockScatter puts it back into zeros', () => {
    const x = randn([2, 4, 7], { generator: g });
    const block = blockOf.apply([x], attrs);
    expect(block).toBeAllClose(x.narrow(-1, 3, 2), { rtol: 0, atol: 0 });
    const back = blockScatter.apply([block], attrs);
    expect(back.narrow(-1, 3, 2)).toBeAllClose(block, { rtol: 0, atol: 0 });
    expect(back.abs().sum().item()).toBeCloseTo(block.abs().sum().item(), 5);
  });

  it('passes gradcheck, and second order (each is the other’s gradient)', () => {
    assertGradcheck((x) => blockOf.apply([x!], attrs).square(), [randn([3, 7], { generator: g, dtype: 'float64' })]);
    assertGradcheck(
      (y) => blockScatter.apply([y!], attrs).square(),
      [randn([3, 2], { generator: g, dtype: 'float64' })],
    );
    const x = randn([3, 7], { generator: g, dtype: 'float64' }).requiresGrad_();
    const [dx] = gradients(blockOf.apply([x], attrs).pow(3).sum(), [x], undefined, { createGraph: true });
    const [ddx] = gradients(dx!.sum(), [x]);
    expect(ddx).toBeAllClose(blockScatter.apply([x.detach().narrow(-1, 3, 2).mul(6)], attrs), { rtol: 1e-12 });
  });

  it('lowers to Slice and Pad, with a symbolic batch', () => {
    for (const [op, width] of [
      [blockOf, 7],
      [blockScatter, 2],
    ] as const) {
      const batch = (B: number) => randn([B, 5, width], { generator: g });
      const dynamicAxes = { input: { 0: 'batch' }, output: { 0: 'batch' } };
      const ort = OrtModel.fromOnnx(exportOnnx((x) => op.apply([x!], attrs), [batch(2)], { dynamicAxes }));
      const x = batch(4);
      expect(ort.runSync([x])[0]).toBeAllClose(
        noGrad(() => op.apply([x], attrs)),
        { rtol: 0, atol: 0 },
      );
    }
  });
});
