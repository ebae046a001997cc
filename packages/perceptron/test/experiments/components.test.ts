import { describe, expect, it } from 'vitest';
import { standardComponents } from '../../src/experiments/index.js';
import { expectAllClaimsHold, quick } from './claims.js';

describe('experiments at quick size: §6.1.5', () => {
  it('6 standard components: regularizers curb overfitting, normalization and residuals train deep nets', () => {
    const r = standardComponents(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.veryDeepPlainLoss).toBeGreaterThan(2);
    expect(r.metrics.residualLoss).toBeLessThan(1);
  });
});
