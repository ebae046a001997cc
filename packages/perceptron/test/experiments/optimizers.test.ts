import { describe, expect, it } from 'vitest';
import { mnist, optimizers } from '../../src/experiments/index.js';
import { expectAllClaimsHold, quick } from './claims.js';

describe('experiments at quick size: §6.1.4 and MNIST', () => {
  it('5 optimizers: momentum beats SGD on Rosenbrock, Adam reaches the minimum, the digits MLP reaches 97%', () => {
    const r = optimizers(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.rosenbrock_momentum).toBeLessThan(r.metrics.rosenbrock_SGD!);
    expect(r.metrics.scheduleCosineLoss).toBeLessThan(r.metrics.scheduleConstantLoss!);
  });

  it('7 MNIST: a small MLP learns from 2 000 images', () => {
    const r = mnist(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.testAccuracy).toBeGreaterThan(0.8);
  });
});
