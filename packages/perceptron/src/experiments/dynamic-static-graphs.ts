import type { Tensor } from '@shinkei/core-tensor';
import { Generator, randint, randn } from '@shinkei/core-tensor';
import { loadDigits } from '@shinkei/core-tensor/data';
import type * as OrtApi from '@shinkei/core-tensor/ort';
import type { ActivationName } from '../activations/activations.js';
import type { MLPHead } from '../mlp/head.js';
import { MLP } from '../mlp/mlp.js';
import { dataDependentControlFlow } from './components/data-dependent-trace.js';
import type { Compile } from './components/graph-agreement.js';
import { gradientGap, trainingTrajectories, trajectoryGap } from './components/graph-agreement.js';
import { netGapFigure } from './components/net-gap-figure.js';
import { stepTimes } from './components/step-timing.js';
import type { RunContext } from './context.js';
import { bySize, fmt, oneTo, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, PerceptronExperiment } from './types.js';

const sizes = {
  quick: {
    depths: [1, 3],
    width: 16,
    batch: 32,
    train: { depth: 2, width: 32, samples: 100, steps: 12, batch: 32, lr: 1e-2 },
    timed: { sizes: [64, 64, 64, 10], batch: 32, warmup: 2, reps: 5 },
  },
  default: {
    depths: [1, 4, 8],
    width: 64,
    batch: 64,
    train: { depth: 4, width: 64, samples: 600, steps: 100, batch: 64, lr: 3e-3 },
    timed: { sizes: [784, 256, 256, 10], batch: 128, warmup: 5, reps: 21 },
  },
  full: {
    depths: [2, 8, 16],
    width: 128,
    batch: 128,
    train: { depth: 4, width: 128, samples: 1400, steps: 300, batch: 128, lr: 1e-3 },
    timed: { sizes: [784, 512, 512, 10], batch: 256, warmup: 10, reps: 51 },
  },
};

const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'prelu', 'swish'];
const INPUTS = 10;
const OUTPUTS = 4;
/** Largest relative gap, in float32, between the two graphs' gradients and losses. */
const GRADIENT_TOLERANCE = 1e-4;
/** Largest relative gap between the two loss curves of the same training run. */
const TRAJECTORY_TOLERANCE = 1e-4;
/** Input scales of the data-dependent loop's batches, and when it stops. */
const LOOP_SCALES = [0.01, 0.1, 1];
const LOOP = { threshold: 0.01, maxSteps: 50 };

/** Random float32 targets of a head: class indices, 0/1 labels, or values. */
function targets(head: MLPHead, n: number, generator: Generator): Tensor {
  if (head === 'multiclass') return randint(0, OUTPUTS, [n], { generator });
  if (head === 'binary') return randint(0, 2, [n], { generator }).to('float32');
  return randn([n, OUTPUTS], { generator });
}

/** The nets of the gradient comparison: every depth × hidden activation (multiclass), and the other heads. */
function netCases(depths: readonly number[]): { depth: number; activation: ActivationName; head: MLPHead }[] {
  return [
    ...depths.flatMap((depth) => ACTIVATIONS.map((activation) => ({ depth, activation, head: 'multiclass' as const }))),
    ...(['regression', 'binary'] as const).map((head) => ({ depth: depths[1]!, activation: 'tanh' as const, head })),
  ];
}

/** Build each net of `netCases` on a random batch and measure how far the static graph's gradients are from the eager ones. */
function netGaps(depths: readonly number[], width: number, batch: number, ctx: RunContext, compile: Compile) {
  const cases = netCases(depths);
  return cases.map((c, k) => {
    ctx.progress((0.4 * k) / cases.length, `gradients: ${c.depth} × ${c.activation}, ${c.head}`);
    const outputs = c.head === 'binary' ? 1 : OUTPUTS;
    const sizes = [INPUTS, ...Array<number>(c.depth).fill(width), outputs];
    const mlp = new MLP({ sizes, activation: c.activation, head: c.head, generator: ctx.generator });
    const x = randn([batch, INPUTS], { generator: ctx.generator });
    return { ...c, ...gradientGap(mlp, x, targets(c.head, batch, ctx.generator), compile) };
  });
}

/** `@shinkei/core-tensor/ort`, loaded only when the experiment runs: onnxruntime-node is an optional peer dependency. */
async function loadStaticGraphs(): Promise<typeof OrtApi> {
  try {
    const ort = await import('@shinkei/core-tensor/ort');
    const { createNativeSession } = ort.loadOrt();
    if (typeof createNativeSession === 'string') throw new Error(createNativeSession);
    return ort;
  } catch (error) {
    throw new Error(
      `dynamic-static-graphs: this experiment runs its static graphs in ONNX Runtime and needs the optional peer dependency onnxruntime-node (~1.30.0): \`npm install onnxruntime-node@1.30.0 --ignore-scripts\`. Cause: ${(error as Error).message}`,
    );
  }
}

/**
 * Dynamic (define-by-run: PyTorch, Chainer) against static (define-then-run: TensorFlow)
 * computational graphs, chapter 6.1.2, on float32 MLPs. (1) The same gradients: eager
 * `loss.backward()` and `compileValueAndGrad` (forward and backward traced into one ONNX
 * graph run by ONNX Runtime) agree on nets of several depths, activations and heads, and
 * Adam follows the same loss curve with either. (2) What each can do: control flow on a
 * tensor's value runs eagerly and is refused by the tracer with a TraceError; the static
 * graph is traced once per batch shape. (3) What each costs: the median time of a training
 * step on the `js` and `ort` backends and as a static graph, and the one-off tracing cost.
 * Needs onnxruntime-node.
 */
export async function dynamicStaticGraphs(options?: ExperimentOptions): Promise<ExperimentResult> {
  const ctx = runContext(options);
  const s = bySize(ctx.size, sizes);
  const ort = await loadStaticGraphs();
  const compile = ort.compileValueAndGrad;

  const { gaps, trajectories, control } = ort.withBackend('js', () => {
    const gaps = netGaps(s.depths, s.width, s.batch, ctx, compile);
    ctx.progress(0.4, 'training both ways');
    const digits = loadDigits({ split: 'train', flatten: true, seed: ctx.seed });
    const trainSizes = [64, ...Array<number>(s.train.depth).fill(s.train.width), 10];
    const netSeed = ctx.seed + 1;
    const trajectories = trainingTrajectories(
      () => new MLP({ sizes: trainSizes, activation: 'tanh', generator: new Generator(netSeed) }),
      digits.x.slice(0, 0, s.train.samples),
      digits.y.slice(0, 0, s.train.samples),
      s.train,
      compile,
    );
    ctx.progress(0.6, 'data-dependent control flow');
    const control = dataDependentControlFlow(
      { inputs: INPUTS, width: s.width, classes: OUTPUTS },
      LOOP_SCALES,
      LOOP,
      ctx.generator,
      compile,
    );
    return { gaps, trajectories, control };
  });

  ctx.progress(0.65, 'timing a training step');
  const timedX = randn([s.timed.batch, s.timed.sizes[0]!], { generator: ctx.generator });
  const timedY = randint(0, s.timed.sizes.at(-1)!, [s.timed.batch], { generator: ctx.generator });
  const times = stepTimes(
    () => new MLP({ sizes: s.timed.sizes, activation: 'relu', generator: new Generator(ctx.seed + 2) }),
    timedX,
    timedY,
    s.timed,
    ort,
  );
  ctx.progress(1);

  const worstGradient = Math.max(...gaps.map((g) => g.gradient));
  const worstLoss = Math.max(...gaps.map((g) => g.loss));
  const curveGap = trajectoryGap(trajectories.static, trajectories.eager);
  const { loopRefusal, branchRefusal } = control;
  const staticVsOrt = times.static / times.eagerOrt;
  const tracingInSteps = times.staticFirstStep / times.static;
  const timesFinite = [times.eagerJs, times.eagerOrt, times.static, times.staticFirstStep].every(
    (t) => Number.isFinite(t) && t > 0,
  );
  return {
    verdicts: [
      {
        claim: 'The dynamic and the static graph compute the same gradients (float32)',
        measured: `largest relative gradient difference ${fmt(worstGradient)}, loss ${fmt(worstLoss)}, over ${gaps.length} MLPs (depths ${s.depths.join(', ')} × ${ACTIVATIONS.join(', ')}; regression and binary heads)`,
        chapter: 'define-by-run and define-then-run are two ways to build the same computational graph; agree to 1e-4',
        pass: worstGradient <= GRADIENT_TOLERANCE && worstLoss <= GRADIENT_TOLERANCE,
      },
      {
        claim: 'Training with either graph follows the same loss curve (Adam)',
        measured: `${s.train.steps} Adam steps on ${s.train.samples} 8×8 digits (batch ${s.train.batch}): loss ${fmt(trajectories.eager[0]!)} → ${fmt(trajectories.eager.at(-1)!)} eager, → ${fmt(trajectories.static.at(-1)!)} static; largest relative gap ${fmt(curveGap)}`,
        chapter:
          'same optimizer, same batches: curves agree to 1e-4 relative (float32 rounding gaps grow in long unstable runs)',
        pass: curveGap <= TRAJECTORY_TOLERANCE,
      },
      {
        claim: 'Control flow that depends on the data runs in a dynamic graph; the static graph refuses it clearly',
        measured: `eagerly the loop took ${control.depths.join(', ')} layers at input scales ${control.scales.join(', ')} (gradients ${control.eagerGradientsFinite ? 'finite' : 'NOT finite'}) and the branch took ${control.branches.join(' / ')}; traced, both raised ${loopRefusal.refused && branchRefusal.refused ? 'TraceError' : 'no TraceError'}${loopRefusal.namesTheRead && branchRefusal.namesTheRead ? ' naming the item() read' : ''}`,
        chapter:
          'define-by-run builds the graph as the code runs, so Python-style control flow is free; define-then-run fixes it in advance',
        pass:
          new Set(control.depths).size > 1 &&
          control.eagerGradientsFinite &&
          new Set(control.branches).size === 2 &&
          loopRefusal.refused &&
          loopRefusal.namesTheRead &&
          branchRefusal.refused &&
          branchRefusal.namesTheRead,
      },
      {
        claim: 'The static graph is built once per batch shape, then reused',
        measured: `${trajectories.graphs} graphs for ${s.train.steps} steps over batch sizes ${trajectories.batchSizes.join(' and ')}; on the timed net below, the first static step (trace + ONNX Runtime session) took ${fmt(times.staticFirstStep)} ms, as long as ${fmt(tracingInSteps)} later steps`,
        chapter: 'a static graph is defined once and run many times',
        pass: trajectories.graphs === trajectories.batchSizes.length,
      },
      {
        claim:
          'What a training step costs each way (informational: timings on a shared machine are noisy, so this passes when all are measured and finite)',
        measured: `median of ${s.timed.reps} Adam steps, MLP ${s.timed.sizes.join('-')}, batch ${s.timed.batch}: dynamic ${fmt(times.eagerJs)} ms on js, ${fmt(times.eagerOrt)} ms on ort, static ${fmt(times.static)} ms (static / dynamic-ort = ${fmt(staticVsOrt)})`,
        chapter:
          'a static graph can be optimized as a whole ahead of time; a dynamic one pays per-op overhead every step',
        pass: timesFinite,
      },
    ],
    metrics: {
      maxGradientRelativeError: worstGradient,
      maxLossRelativeError: worstLoss,
      nets: gaps.length,
      trajectoryRelativeGap: curveGap,
      eagerFinalLoss: trajectories.eager.at(-1)!,
      staticFinalLoss: trajectories.static.at(-1)!,
      staticGraphs: trajectories.graphs,
      loopDepthMin: Math.min(...control.depths),
      loopDepthMax: Math.max(...control.depths),
      stepMsEagerJs: times.eagerJs,
      stepMsEagerOrt: times.eagerOrt,
      stepMsStatic: times.static,
      staticFirstStepMs: times.staticFirstStep,
      staticOverEagerOrt: staticVsOrt,
      staticOverEagerJs: times.static / times.eagerJs,
    },
    figures: [
      netGapFigure(
        'Largest |static − dynamic| / max |dynamic| of a gradient tensor, per MLP (float32; exact agreement left out)',
        gaps.map((g) => ({ ...g, gap: g.gradient })),
      ),
      {
        kind: 'line',
        title:
          'The same Adam run on the 8×8 digits, gradients from the dynamic and from the static graph (the curves overlap)',
        xLabel: 'step',
        yLabel: 'cross-entropy of the batch',
        series: [
          { name: 'dynamic (loss.backward())', x: oneTo(s.train.steps), y: trajectories.eager },
          { name: 'static (compileValueAndGrad)', x: oneTo(s.train.steps), y: trajectories.static },
        ],
      },
      {
        kind: 'bar',
        title: `Time per Adam step, MLP ${s.timed.sizes.join('-')}, batch ${s.timed.batch} (median of ${s.timed.reps}; the first static step includes tracing)`,
        yLabel: 'ms',
        bars: [
          { label: 'dynamic, js', value: times.eagerJs },
          { label: 'dynamic, ort', value: times.eagerOrt },
          { label: 'static', value: times.static },
          { label: 'first static step', value: times.staticFirstStep },
        ],
      },
      {
        kind: 'text',
        title: 'What the tracer says to data-dependent control flow',
        text: `compileValueAndGrad(loop net): ${loopRefusal.message}\n\nexportOnnx(branching net): ${branchRefusal.message}`,
      },
    ],
    settings: {
      depths: s.depths,
      width: s.width,
      batch: s.batch,
      inputs: INPUTS,
      outputs: OUTPUTS,
      dtype: 'float32',
      activations: ACTIVATIONS,
      heads: ['multiclass', 'regression', 'binary'],
      training: { ...s.train, data: '8×8 digits', optimizer: 'Adam', activation: 'tanh' },
      loop: { ...LOOP, scales: LOOP_SCALES },
      timing: { ...s.timed, optimizer: 'Adam', activation: 'relu' },
      onnxruntime: ort.loadOrt().version,
    },
  };
}

export const dynamicStaticGraphsExperiment: PerceptronExperiment = {
  id: 'dynamic-static-graphs',
  section: '6.1.2',
  title: 'Dynamic and static computational graphs',
  claim:
    'Define-by-run and define-then-run graphs give the same gradients; only the dynamic one follows data-dependent control flow, and the static one is traced once per shape',
  run: dynamicStaticGraphs,
};
