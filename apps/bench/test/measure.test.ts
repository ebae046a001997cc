import { afterEach, describe, expect, it, vi } from 'vitest';
import { measure } from '../src/measure.js';

/** A fake clock: each call of the step advances performance.now() by the next duration (ms). */
function fakeStep(durationsMs: (call: number) => number) {
  let now = 0;
  let calls = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return {
    step: () => {
      now += durationsMs(calls++);
    },
    calls: () => calls,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('measure', () => {
  it('runs the warm-up untimed, then one sample (seconds per call) per repetition', () => {
    const fake = fakeStep((call) => (call < 2 ? 100 : 10 + call));
    const result = measure(fake.step, { warmup: 2, reps: 3, inner: 2 });
    expect(fake.calls()).toBe(2 + 3 * 2);
    expect(result.samples.map((s) => s * 1000)).toEqual([12.5, 14.5, 16.5]);
    expect(result).toMatchObject({ iterations: { warmup: 2, reps: 3, inner: 2 }, coldOnly: false });
  });

  it('keeps within the time budget: fewer calls per repetition and fewer repetitions', () => {
    const fake = fakeStep(() => 1000);
    const result = measure(fake.step, { warmup: 3, reps: 7, inner: 4 }, 5);
    // Warm-up stops once half the budget (2.5 s) is spent; 2 s remain, so 2 calls per repetition.
    expect(result.iterations).toEqual({ warmup: 3, reps: 1, inner: 2 });
    expect(result.samples).toEqual([1]);
  });

  it('keeps the first call as the only sample when it alone overruns the budget', () => {
    const fake = fakeStep(() => 20_000);
    const result = measure(fake.step, { warmup: 2, reps: 5, inner: 1 }, 10);
    expect(fake.calls()).toBe(1);
    expect(result).toEqual({ samples: [20], iterations: { warmup: 0, reps: 1, inner: 1 }, coldOnly: true });
  });
});
