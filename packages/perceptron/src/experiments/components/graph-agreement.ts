import type { Tensor } from '@shinkei/core-tensor';
import { Adam } from '@shinkei/core-tensor/optim';
import type { compileValueAndGrad } from '@shinkei/core-tensor/ort';
import { relativeGap } from '../../mlp/backprop-agreement.js';
import type { MLP } from '../../mlp/mlp.js';

/** `compileValueAndGrad` of `@shinkei/core-tensor/ort`, handed in once onnxruntime-node is loaded. */
export type Compile = typeof compileValueAndGrad;

/** How far the static graph's loss and gradients are from the eager ones on one batch. */
export interface GradientGap {
  /** |L_static − L_eager| / |L_eager|. */
  loss: number;
  /** The largest max |g_static − g_eager| / max |g_eager| over the parameter tensors. */
  gradient: number;
}

/**
 * The gradients of `mlp.loss(x, y)` twice: by the dynamic graph (`loss.backward()` on the
 * graph recorded while the forward ran) and by the static graph (`compileValueAndGrad`:
 * forward and backward traced once into ONNX, run by ONNX Runtime), compared per
 * parameter tensor by `relativeGap`. Leaves the static gradients in `.grad`.
 */
export function gradientGap(mlp: MLP, x: Tensor, y: Tensor, compile: Compile): GradientGap {
  const parameters = mlp.parameters();
  mlp.zeroGrad();
  const eagerLoss = mlp.loss(x, y);
  eagerLoss.backward();
  const eager = parameters.map((p) => p.grad!);
  mlp.zeroGrad();
  const staticLoss = compile(mlp, (a, b) => mlp.loss(a!, b!))(x, y).item();
  const reference = eagerLoss.item();
  return {
    loss: Math.abs(staticLoss - reference) / Math.abs(reference),
    gradient: Math.max(...parameters.map((p, i) => relativeGap(p.grad!, eager[i]!))),
  };
}

/** The training run both ways are compared on. */
export interface TrajectorySettings {
  steps: number;
  batch: number;
  lr: number;
}

/** The loss of every step of the same training run, by the dynamic and by the static graph. */
export interface Trajectories {
  eager: number[];
  static: number[];
  /** Static graphs the compiled step built: one per distinct batch shape. */
  graphs: number;
  /** Distinct batch sizes the run met (full batches and the remainder). */
  batchSizes: number[];
}

/**
 * Train two copies of the same net (`makeNet` builds it from the same seed) with Adam on
 * the batches of (x, y) in order, cycling, the last batch of a pass shorter: one copy with
 * `loss.backward()`, the other with the compiled static graph filling `.grad`. Returns the
 * loss of every step of each.
 */
export function trainingTrajectories(
  makeNet: () => MLP,
  x: Tensor,
  y: Tensor,
  settings: TrajectorySettings,
  compile: Compile,
): Trajectories {
  const n = x.shape[0]!;
  const batches = Array.from({ length: Math.ceil(n / settings.batch) }, (_, k) => {
    const end = Math.min(n, (k + 1) * settings.batch);
    return [x.slice(0, k * settings.batch, end), y.slice(0, k * settings.batch, end)] as const;
  });
  const eagerNet = makeNet();
  const staticNet = makeNet();
  const eagerOptimizer = new Adam(eagerNet.parameters(), { lr: settings.lr });
  const staticOptimizer = new Adam(staticNet.parameters(), { lr: settings.lr });
  const valueAndGrad = compile(staticNet, (a, b) => staticNet.loss(a!, b!));
  const eager: number[] = [];
  const compiled: number[] = [];
  for (let step = 0; step < settings.steps; step++) {
    const [xb, yb] = batches[step % batches.length]!;
    eagerOptimizer.zeroGrad();
    const loss = eagerNet.loss(xb, yb);
    loss.backward();
    eagerOptimizer.step();
    eager.push(loss.item());
    staticOptimizer.zeroGrad();
    compiled.push(valueAndGrad(xb, yb).item());
    staticOptimizer.step();
  }
  const batchSizes = [...new Set(batches.slice(0, settings.steps).map(([xb]) => xb.shape[0]!))];
  return { eager, static: compiled, graphs: valueAndGrad.graphs, batchSizes };
}

/** max over steps of |a − b| / |b|: how far apart two loss curves are. */
export function trajectoryGap(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)));
}
