import { gradients } from '../autograd/functional.js';
import { withGradMode } from '../autograd/mode.js';
import { BatchNorm1d, BatchNorm2d } from '../nn/batch-norm.js';
import { Dropout } from '../nn/dropout.js';
import type { AnyModule } from '../nn/module.js';
import { traceToOnnx } from '../onnx/export.js';
import { TraceError } from '../onnx/trace.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { OrtModel } from './model.js';
import type { OrtSessionOptions } from './runtime.js';
import { interleavedSessionOptions } from './runtime.js';

/** The loss of one batch, computed by the model in eager tensor ops: `(x, y) => F.crossEntropy(model.forward(x), y)`. */
export type LossFunction = (...batch: Tensor[]) => Tensor;

export interface CompileValueAndGradOptions {
  /** ONNX Runtime session options (threads, graph optimization level); default: workers that do not spin between calls. */
  session?: OrtSessionOptions;
}

/**
 * `loss.backward()` for a whole model as ONE ONNX Runtime call: the value and the gradients
 * of `lossFn` with respect to every parameter of `model` that requires grad.
 */
export interface CompiledValueAndGrad {
  /**
   * L = lossFn(...batch) and ∂L/∂θ for every trainable parameter θ, run as a static graph.
   * Like `loss.backward()`, the gradients accumulate into each `θ.grad`, so the eager
   * optimizers, clipping and schedulers work unchanged. Returns L (a scalar, no graph).
   */
  (...batch: Tensor[]): Tensor;
  /** How many static graphs are loaded: one per distinct set of batch shapes (say, full batches and the last one) and of trainable parameters. */
  readonly graphs: number;
}

/**
 * Compile a training step's forward and backward pass into a static graph (the chapter's
 * define-then-run, 6.1.2): the eager loss is traced once per set of batch shapes, its
 * backward pass recorded with it, and the pair run in ONNX Runtime as one call — no per-op
 * overhead between the layers. The model's parameters are graph inputs, so the graph
 * follows every update the optimizer makes.
 *
 * What a static graph cannot hold is refused with a clear error: Dropout (a fresh random
 * mask each step) and BatchNorm in training mode (running statistics updated in place),
 * and control flow that reads tensor values (a TraceError naming the op).
 *
 * @example
 * const valueAndGrad = compileValueAndGrad(model, (x, y) => F.crossEntropy(model.forward(x), y));
 * optimizer.zeroGrad();
 * const loss = valueAndGrad(x, y); // fills every parameter's .grad
 * optimizer.step();
 */
export function compileValueAndGrad(
  model: AnyModule,
  lossFn: LossFunction,
  options: CompileValueAndGradOptions = {},
): CompiledValueAndGrad {
  const parameters = model.namedParameters();
  // parameters and buffers (batch norm's running statistics) are graph inputs, so the graph follows every change to them
  const state = [...parameters, ...model.namedBuffers()];
  const graphs = new Map<string, OrtModel>();

  const compiled = (...batch: Tensor[]): Tensor => {
    batch.forEach((t, i) => {
      if (!(t instanceof Tensor))
        throw new TypeError(`compileValueAndGrad: batch input ${i} must be a Tensor, got ${typeof t}`);
    });
    // the modules' train/eval modes and which parameters are trainable shape the graph: a change compiles anew
    const modes = trainingModes(model);
    const trainable = parameters.filter(([, p]) => p.requiresGrad);
    if (trainable.length === 0)
      throw new RangeError('compileValueAndGrad: the model has no parameter that requires grad');
    const key = [
      ...batch.map((t) => `${t.dtype}${formatShape(t.shape)}`),
      parameters.map(([, p]) => (p.requiresGrad ? 1 : 0)).join(''),
      modes,
    ].join(' ');
    let graph = graphs.get(key);
    if (graph === undefined) {
      graph = OrtModel.fromOnnx(traceValueAndGrad(state, trainable, lossFn, batch), {
        ...interleavedSessionOptions,
        ...options.session,
      });
      graphs.set(key, graph);
    }
    const feeds: Record<string, Tensor> = {};
    batch.forEach((t, i) => {
      feeds[batchName(i)] = t.detach();
    });
    for (const [name, t] of state) feeds[name] = t.detach();
    const [loss, ...grads] = graph.runSync(feeds);
    trainable.forEach(([, p], i) => {
      const g = grads[i]!;
      p.grad = p.grad === null ? g : p.grad.add(g);
    });
    return loss!;
  };
  Object.defineProperty(compiled, 'graphs', { get: () => graphs.size });
  return compiled as CompiledValueAndGrad;
}

const batchName = (i: number): string => `batch_${i}`;

/** Trace L = lossFn(batch) and ∂L/∂θ into ONNX bytes: inputs batch_i and the module state by name; outputs loss, grad.<name>. */
function traceValueAndGrad(
  state: readonly [string, Tensor][],
  trainable: readonly [string, Tensor][],
  lossFn: LossFunction,
  batch: readonly Tensor[],
): Uint8Array {
  const inputs = batch.map((t, i) => ({ tensor: t.detach(), name: batchName(i) }));
  return traceToOnnx({
    inputs: [...inputs, ...state.map(([name, tensor]) => ({ tensor, name }))],
    outputNames: ['loss', ...trainable.map(([name]) => `grad.${name}`)],
    graphName: 'value_and_grad',
    caller: 'compileValueAndGrad',
    run: () =>
      withGradMode(true, () => {
        const loss = lossFn(...inputs.map(({ tensor }) => tensor));
        if (!(loss instanceof Tensor) || loss.size !== 1)
          throw new TraceError(
            `compileValueAndGrad: the loss function must return a scalar tensor, got ${loss instanceof Tensor ? `shape ${formatShape(loss.shape)}` : typeof loss}`,
          );
        const params = trainable.map(([, p]) => p);
        return [loss, ...gradients(loss, params, undefined, { allowUnused: true })];
      }),
  });
}

/**
 * The modules' train/eval modes as a key (1 = training), refusing modules whose
 * training-mode forward a static graph would silently get wrong.
 */
function trainingModes(model: AnyModule): string {
  let modes = '';
  for (const [name, m] of model.namedModules()) {
    modes += m.training ? '1' : '0';
    if (!m.training) continue;
    const where = name === '' ? 'the model' : `'${name}'`;
    if (m instanceof Dropout && m.p > 0)
      throw new TraceError(
        `compileValueAndGrad: Dropout ${where} draws a fresh random mask every step, which a static graph would freeze; use the eager step (loss.backward()) or put it in eval mode`,
      );
    if (m instanceof BatchNorm1d || m instanceof BatchNorm2d)
      throw new TraceError(
        `compileValueAndGrad: ${m.constructor.name} ${where} updates its running statistics in place during training, which a static graph does not record; use the eager step (loss.backward()) or put it in eval mode`,
      );
  }
  return modes;
}
