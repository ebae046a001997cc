import type { Generator, Tensor } from '@shinkei/core-tensor';
import { Linear, Module } from '@shinkei/core-tensor/nn';

/** Sizes of the two small nets below. */
export interface DataDependentSizes {
  inputs: number;
  width: number;
  classes: number;
}

/**
 * A forward whose depth depends on the data (chapter 6.1.2, define-by-run): one shared
 * layer h ← ½·tanh(W h) (no bias, so h shrinks toward 0) is applied while the mean row norm (1/n)Σᵢ‖hᵢ‖ stays above
 * `threshold` (at most `maxSteps` times), then a linear head gives the logits. A batch of
 * large inputs runs through more layers than one of small inputs; the loop condition reads
 * a tensor's value with `item()`, which a dynamic graph allows and a trace cannot record.
 */
export class ShrinkUntilSmall extends Module {
  readonly layer: Linear;
  readonly head: Linear;
  /** How many times the last forward applied the shared layer. */
  lastDepth = 0;

  constructor(
    sizes: DataDependentSizes,
    readonly threshold: number,
    readonly maxSteps: number,
    generator: Generator,
  ) {
    super();
    this.layer = this.registerModule('layer', new Linear(sizes.inputs, sizes.inputs, { bias: false, generator }));
    this.head = this.registerModule('head', new Linear(sizes.inputs, sizes.classes, { generator }));
  }

  forward(x: Tensor): Tensor {
    let h = x;
    let depth = 0;
    while (depth < this.maxSteps && meanRowNorm(h).item() > this.threshold) {
      h = this.layer.call(h).tanh().mul(0.5);
      depth++;
    }
    this.lastDepth = depth;
    return this.head.call(h);
  }
}

/**
 * A forward that branches on a tensor's value: ReLU features when the batch mean of x is
 * positive, tanh features otherwise. A trace taken on one branch would bake that branch in.
 */
export class BranchOnMean extends Module {
  readonly hidden: Linear;
  readonly head: Linear;
  /** Which branch the last forward took. */
  lastBranch: 'relu' | 'tanh' = 'relu';

  constructor(sizes: DataDependentSizes, generator: Generator) {
    super();
    this.hidden = this.registerModule('hidden', new Linear(sizes.inputs, sizes.width, { generator }));
    this.head = this.registerModule('head', new Linear(sizes.width, sizes.classes, { generator }));
  }

  forward(x: Tensor): Tensor {
    const a = this.hidden.call(x);
    this.lastBranch = x.mean().item() > 0 ? 'relu' : 'tanh';
    return this.head.call(this.lastBranch === 'relu' ? a.relu() : a.tanh());
  }
}

/** (1/n)Σᵢ‖hᵢ‖₂ over the rows of h [n, d]. */
function meanRowNorm(h: Tensor): Tensor {
  return h.square().sum(1).sqrt().mean();
}
