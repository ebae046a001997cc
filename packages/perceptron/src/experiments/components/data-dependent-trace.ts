import type { Generator, Tensor } from '@shinkei/core-tensor';
import { crossEntropy, randint, randn } from '@shinkei/core-tensor';
import { exportOnnx, TraceError } from '@shinkei/core-tensor/onnx';
import type { DataDependentSizes } from './data-dependent-nets.js';
import { BranchOnMean, ShrinkUntilSmall } from './data-dependent-nets.js';
import type { Compile } from './graph-agreement.js';

/** What happened when a static graph was asked for: the TraceError's message, or what came instead. */
export interface Refusal {
  /** A TraceError was thrown. */
  refused: boolean;
  /** It names the read that made the graph data-dependent (`item()`). */
  namesTheRead: boolean;
  message: string;
}

/** Control flow that depends on the data, run eagerly and traced. */
export interface DataDependentOutcome {
  /** Input scales of the loop's batches, and how many layers each batch went through eagerly. */
  scales: number[];
  depths: number[];
  /** The eager gradients of every batch came out finite, whatever the depth. */
  eagerGradientsFinite: boolean;
  /** The branches the branching net took on a batch of positive and of negative mean. */
  branches: string[];
  /** compileValueAndGrad on the loop net, exportOnnx on the branching net. */
  loopRefusal: Refusal;
  branchRefusal: Refusal;
}

/**
 * Data-dependent control flow under both kinds of graph (chapter 6.1.2). Eagerly, the
 * loop net's depth follows its input (batches of growing scale go through more layers) and
 * backpropagation runs through whatever depth was taken; the branching net picks ReLU or
 * tanh by the sign of the batch mean. Traced, both are refused with a TraceError naming the
 * value read, rather than recorded with the one path the example input happened to take.
 */
export function dataDependentControlFlow(
  sizes: DataDependentSizes,
  scales: readonly number[],
  loop: { threshold: number; maxSteps: number },
  generator: Generator,
  compile: Compile,
): DataDependentOutcome {
  const loopNet = new ShrinkUntilSmall(sizes, loop.threshold, loop.maxSteps, generator);
  const batch = 16;
  const x = randn([batch, sizes.inputs], { generator });
  const y = randint(0, sizes.classes, [batch], { generator });
  const loss = (net: { call(x: Tensor): Tensor }) => (a?: Tensor, b?: Tensor) => crossEntropy(net.call(a!), b!);
  const depths: number[] = [];
  let eagerGradientsFinite = true;
  for (const scale of scales) {
    loopNet.zeroGrad();
    loss(loopNet)(x.mul(scale), y).backward();
    depths.push(loopNet.lastDepth);
    for (const p of loopNet.parameters())
      if (p.grad === null || !p.grad.data.every((v) => Number.isFinite(v))) eagerGradientsFinite = false;
  }
  const branchNet = new BranchOnMean(sizes, generator);
  const branches = [1, -1].map((sign) => {
    loss(branchNet)(x.abs().mul(sign), y).backward();
    return branchNet.lastBranch;
  });
  return {
    scales: [...scales],
    depths,
    eagerGradientsFinite,
    branches,
    loopRefusal: refusal(() => compile(loopNet, loss(loopNet))(x, y)),
    branchRefusal: refusal(() => exportOnnx(branchNet, [x])),
  };
}

/** Run `fn`, which should refuse with a TraceError, and say how it answered. */
function refusal(fn: () => unknown): Refusal {
  try {
    fn();
    return { refused: false, namesTheRead: false, message: 'a static graph was built' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { refused: error instanceof TraceError, namesTheRead: message.includes('item()'), message };
  }
}
