import { accelerator } from '../../src/backend/active.js';
import { withBackend } from '../../src/backend/index.js';
import type { AcceleratedOp, OrtAccelerator } from '../../src/ort/accelerate/index.js';

/** Every op goes to ONNX Runtime, however small (the defaults keep small work in JS). */
export const everything = {
  thresholds: { matmul: 0, conv: 0, pool: 0, elementwise: 0, reduce: 0, scatteredReduce: 0 },
};

/** `fn` on the js backend, then on ort, with how many calls of each op ONNX Runtime ran. */
export function onBothBackends<T>(fn: () => T): { js: T; ort: T; ortCalls: Record<AcceleratedOp, number> } {
  const js = withBackend('js', fn);
  let ortCalls = {} as Record<AcceleratedOp, number>;
  const ort = withBackend(
    'ort',
    () => {
      const counter = accelerator() as OrtAccelerator;
      const before = { ...counter.calls };
      const result = fn();
      ortCalls = Object.fromEntries(
        Object.entries(counter.calls).map(([op, n]) => [op, n - before[op as AcceleratedOp]]),
      ) as Record<AcceleratedOp, number>;
      return result;
    },
    everything,
  );
  return { js, ort, ortCalls };
}
