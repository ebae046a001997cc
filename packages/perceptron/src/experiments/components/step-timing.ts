import { performance } from 'node:perf_hooks';
import type { Tensor } from '@shinkei/core-tensor';
import { getBackend } from '@shinkei/core-tensor';
import { Adam } from '@shinkei/core-tensor/optim';
import type * as OrtApi from '@shinkei/core-tensor/ort';
import type { MLP } from '../../mlp/mlp.js';

/** How a step is timed: untimed warm-up steps, then the median of `reps` timed ones. */
export interface TimingSettings {
  warmup: number;
  reps: number;
}

/** Milliseconds per training step of each kind of graph. */
export interface StepTimes {
  /** Dynamic graph, every op in JS kernels. */
  eagerJs: number;
  /** Dynamic graph, heavy ops (matmul, large sums) in ONNX Runtime kernels, one call per op. */
  eagerOrt: number;
  /** Static graph: forward and backward as one ONNX Runtime call, Adam in JS. */
  static: number;
  /** The static graph's first step: tracing, building the ONNX Runtime session, and running it. */
  staticFirstStep: number;
}

/** The median of `reps` timed calls of `step` after `warmup` untimed ones, in ms. */
export function medianStepMs(step: () => void, { warmup, reps }: TimingSettings): number {
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    step();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/**
 * Time one Adam training step of the net `makeNet` builds, on the batch (x, y), three ways:
 * the dynamic graph on the `js` and on the `ort` backend (`loss.backward()`), and the
 * static graph (`compileValueAndGrad`), whose first step — trace and session — is timed
 * apart. Each way gets a fresh copy of the net.
 */
export function stepTimes(
  makeNet: () => MLP,
  x: Tensor,
  y: Tensor,
  timing: TimingSettings,
  ort: typeof OrtApi,
): StepTimes {
  const eagerStep = (): (() => void) => {
    const net = makeNet();
    const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
    return () => {
      optimizer.zeroGrad();
      net.loss(x, y).backward();
      optimizer.step();
    };
  };
  const onBackend = (name: 'js' | 'ort'): number =>
    ort.withBackend(name, () => {
      if (getBackend() !== name)
        throw new Error(`dynamic-static-graphs: the '${name}' backend is unavailable, so its step cannot be timed`);
      return medianStepMs(eagerStep(), timing);
    });
  const eagerJs = onBackend('js');
  const eagerOrt = onBackend('ort');
  return ort.withBackend('js', () => {
    const net = makeNet();
    const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
    const valueAndGrad = ort.compileValueAndGrad(net, (a, b) => net.loss(a!, b!));
    const step = (): void => {
      optimizer.zeroGrad();
      valueAndGrad(x, y);
      optimizer.step();
    };
    const start = performance.now();
    step();
    const staticFirstStep = performance.now() - start;
    return { eagerJs, eagerOrt, static: medianStepMs(step, timing), staticFirstStep };
  });
}
