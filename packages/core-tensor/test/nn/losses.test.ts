import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  nllLoss,
} from '../../src/functional/classification-loss.js';
import { klDiv } from '../../src/functional/divergence.js';
import { huberLoss, l1Loss, mseLoss, smoothL1Loss } from '../../src/functional/regression-loss.js';
import { Generator, rand, randn, tensor } from '../../src/index.js';
import {
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  KLDivLoss,
  L1Loss,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from '../../src/nn/index.js';

describe('loss modules apply the functional losses with their options', () => {
  const x = randn([4, 3], { generator: new Generator(0) });
  const y = randn([4, 3], { generator: new Generator(1) });
  const labels = tensor([0, 2, 1, 2], { dtype: 'int32' });
  const p = rand([4, 3], { generator: new Generator(2) });

  it('regression losses', () => {
    expect(new MSELoss().call(x, y)).toBeAllClose(mseLoss(x, y));
    expect(new MSELoss({ reduction: 'sum' }).call(x, y)).toBeAllClose(x.sub(y).square().sum(), { rtol: 1e-6 });
    expect(new L1Loss({ reduction: 'none' }).call(x, y)).toBeAllClose(l1Loss(x, y, { reduction: 'none' }));
    expect(new HuberLoss({ delta: 0.5 }).call(x, y)).toBeAllClose(huberLoss(x, y, { delta: 0.5 }));
    expect(new SmoothL1Loss({ beta: 0.5 }).call(x, y)).toBeAllClose(smoothL1Loss(x, y, { beta: 0.5 }));
  });

  it('classification losses', () => {
    expect(new CrossEntropyLoss({ labelSmoothing: 0.1 }).call(x, labels)).toBeAllClose(
      crossEntropy(x, labels, { labelSmoothing: 0.1 }),
    );
    expect(new NLLLoss().call(x.logSoftmax(1), labels)).toBeAllClose(nllLoss(x.logSoftmax(1), labels));
    expect(new BCELoss().call(p, p.gt(0.5).float())).toBeAllClose(binaryCrossEntropy(p, p.gt(0.5).float()));
    expect(new BCEWithLogitsLoss().call(x, p)).toBeAllClose(binaryCrossEntropyWithLogits(x, p));
    expect(new KLDivLoss({ reduction: 'batchmean' }).call(x.logSoftmax(1), p.softmax(1))).toBeAllClose(
      klDiv(x.logSoftmax(1), p.softmax(1), { reduction: 'batchmean' }),
    );
    expect(new CrossEntropyLoss({ reduction: 'sum' }).toString()).toBe('CrossEntropyLoss(reduction=sum)');
  });
});
