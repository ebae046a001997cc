/**
 * The cases every system is measured on: same shapes, same warm-up and timed
 * iterations for all. A case with `unavailable` is listed in the report with its reason
 * and measured by nobody (no numbers are made up for it).
 */

export interface GemmParams {
  m: number;
  k: number;
  n: number;
}

export interface TrainParams {
  optimizer: 'sgd' | 'adam';
  lr: number;
  batch: number;
}

/** A sequence regressor's training step: sequences [steps, batch, inputSize] (time-major), one target per sequence. */
export interface SequenceTrainParams extends TrainParams {
  steps: number;
  inputSize: number;
  hiddenSize: number;
}

export interface InferParams {
  batch: number;
}

export interface GptParams {
  layers: number;
  dModel: number;
  heads: number;
  context: number;
  batch: number;
  vocab: number;
}

/** The parameters of each case's variants, by case id. */
export interface CaseParams {
  gemm: GemmParams;
  'mlp-train': TrainParams;
  'cnn-train': TrainParams;
  'cnn-infer': InferParams;
  'lstm-train': SequenceTrainParams;
  'gpt-train': GptParams;
}

export type CaseId = keyof CaseParams;

/** Iteration counts: `warmup` untimed calls, then `reps` repetitions of `inner` timed calls. */
export interface Iterations {
  warmup: number;
  reps: number;
  inner: number;
}

export interface Variant<P> {
  id: string;
  /** Column heading in the report. */
  label: string;
  params: P;
  /** Floating-point operations of one call (GEMM: 2mkn), for GFLOP/s. */
  flops?: number;
  full: Iterations;
}

export interface BenchCase<C extends CaseId = CaseId> {
  id: C;
  title: string;
  /** One sentence on what exactly one call does. */
  what: string;
  /** GFLOP/s (higher is better) or milliseconds per call (lower is better). */
  metric: 'GFLOP/s' | 'ms';
  variants: readonly Variant<CaseParams[C]>[];
  /** Why nobody can run this case yet. */
  unavailable?: string;
}

/** The 784-256-256-10 ReLU MLP of the training case. */
export const MLP_LAYERS = [784, 256, 256, 10] as const;

/** LeNet-size CNN on 28×28×1: conv 5×5 ×32, ReLU, max-pool 2, conv 5×5 ×64, ReLU, max-pool 2, dense → 10. */
export const CNN = { inputSize: 28, channels: [1, 32, 64], kernel: 5, pool: 2, classes: 10, flatFeatures: 64 * 4 * 4 };

const SGD_LR = 0.01;
const ADAM_LR = 1e-3;

function gemmVariant(label: string, m: number, k: number, n: number): Variant<GemmParams> {
  const flops = 2 * m * k * n;
  // About 2^26 flops per repetition, so small products are timed over many calls.
  const inner = Math.max(1, Math.round(2 ** 26 / flops));
  return {
    id: label,
    label,
    params: { m, k, n },
    flops,
    full: { warmup: 2, reps: m >= 1024 ? 5 : 7, inner },
  };
}

const STEP_ITERATIONS: Iterations = { warmup: 3, reps: 7, inner: 1 };

export const gemmCase: BenchCase<'gemm'> = {
  id: 'gemm',
  title: 'float32 GEMM',
  what: 'C = A·B for random float32 matrices (square n×n, and the first MLP layer (128×784)·(784×256)); the result is read back to JS memory where the library keeps it elsewhere.',
  metric: 'GFLOP/s',
  variants: [
    ...[64, 128, 256, 512, 1024].map((n) => gemmVariant(String(n), n, n, n)),
    { ...gemmVariant('128×784·784×256', 128, 784, 256), id: 'mlp' },
  ],
};

export const mlpTrainCase: BenchCase<'mlp-train'> = {
  id: 'mlp-train',
  title: 'MLP training step',
  what: 'One step (forward, softmax cross-entropy, backward, update) of a 784-256-256-10 ReLU MLP at batch 128.',
  metric: 'ms',
  variants: [
    { id: 'sgd', label: 'SGD', params: { optimizer: 'sgd', lr: SGD_LR, batch: 128 }, full: STEP_ITERATIONS },
    { id: 'adam', label: 'Adam', params: { optimizer: 'adam', lr: ADAM_LR, batch: 128 }, full: STEP_ITERATIONS },
  ],
};

export const cnnTrainCase: BenchCase<'cnn-train'> = {
  id: 'cnn-train',
  title: 'CNN training step',
  what: 'One SGD step of a LeNet-size CNN on 28×28×1 at batch 64: conv 5×5 ×32 + ReLU + max-pool 2, conv 5×5 ×64 + ReLU + max-pool 2, dense → 10, softmax cross-entropy.',
  metric: 'ms',
  variants: [{ id: 'sgd', label: 'SGD', params: { optimizer: 'sgd', lr: SGD_LR, batch: 64 }, full: STEP_ITERATIONS }],
};

export const cnnInferCase: BenchCase<'cnn-infer'> = {
  id: 'cnn-infer',
  title: 'CNN inference',
  what: 'The forward pass of the same CNN at batch 64, without gradient tracking (logits read back to JS memory).',
  metric: 'ms',
  variants: [{ id: 'b64', label: 'batch 64', params: { batch: 64 }, full: { warmup: 3, reps: 7, inner: 2 } }],
};

export const lstmTrainCase: BenchCase<'lstm-train'> = {
  id: 'lstm-train',
  title: 'LSTM training step',
  what: "One Adam step of an LSTM sequence regressor in the adding problem's shape: 100 time steps of 2 features at batch 32, LSTM with 16 hidden units, a linear readout of the last hidden state, mean squared error on one target per sequence.",
  metric: 'ms',
  variants: [
    {
      id: 'adam',
      label: 'Adam',
      params: { optimizer: 'adam', lr: ADAM_LR, batch: 32, steps: 100, inputSize: 2, hiddenSize: 16 },
      full: STEP_ITERATIONS,
    },
  ],
};

export const gptTrainCase: BenchCase<'gpt-train'> = {
  id: 'gpt-train',
  title: 'GPT training step',
  what: 'One Adam step of a 2-layer GPT (d 128, 4 heads, context 64, batch 16, vocab 65).',
  metric: 'ms',
  variants: [
    {
      id: 'adam',
      label: 'Adam',
      params: { layers: 2, dModel: 128, heads: 4, context: 64, batch: 16, vocab: 65 },
      full: STEP_ITERATIONS,
    },
  ],
  unavailable: '@shinkei/transformer not built yet',
};

/** Every case, in report order. */
export const cases: readonly BenchCase[] = [
  gemmCase,
  mlpTrainCase,
  cnnTrainCase,
  cnnInferCase,
  lstmTrainCase,
  gptTrainCase,
];

export const caseIds: readonly CaseId[] = cases.map((c) => c.id);
