import type { ExperimentResult } from '@shinkei/core-tensor/experiment';
import { expect } from 'vitest';

/** The size and seed the tests run every experiment at. */
export const quick = { size: 'quick', seed: 42 } as const;

/** Every verdict passes, every metric is a number, and there is something to plot. */
export function expectAllClaimsHold(result: ExperimentResult): void {
  for (const verdict of result.verdicts)
    expect(verdict, `${verdict.claim}: ${verdict.measured}`).toMatchObject({ pass: true });
  for (const [name, value] of Object.entries(result.metrics)) expect(typeof value, name).toBe('number');
  expect(result.figures.length).toBeGreaterThan(0);
}
