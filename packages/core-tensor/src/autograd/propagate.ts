import { AutogradError } from '../errors.js';
import { add } from '../ops/binary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkFinite, inBackwardOf } from './dispatch.js';
import { isAnomalyDetectionEnabled, withGradMode } from './mode.js';
import type { GradNode, MultiOutputNode } from './node.js';

export interface PropagateOptions {
  /** Record the backward computation itself, so gradients can be differentiated again. */
  createGraph: boolean;
  /** Keep the graph's saved tensors so backward can run through it again. */
  retainGraph: boolean;
  /** Stop at these tensors and return their gradients; when absent, accumulate into leaves' `.grad`. */
  targets?: readonly Tensor[];
}

/**
 * Reverse-mode sweep: visit the graph behind `roots` in reverse topological order,
 * calling each op's backward rule with the summed upstream gradient (a multi-output op's
 * rule once, with the gradients of all its outputs). Returns the gradients of `targets`
 * (undefined where a target is not reached).
 */
export function propagate(
  roots: readonly Tensor[],
  rootGrads: readonly Tensor[],
  options: PropagateOptions,
): (Tensor | undefined)[] {
  const targets = options.targets;
  const targetSet = targets ? new Set(targets) : null;
  const order = topologicalOrder(roots, targetSet);
  const grads = new Map<Tensor, Tensor>();
  for (const [i, root] of roots.entries()) accumulate(grads, root, rootGrads[i]!);

  const sharedVisits = sharedNodeVisits(order, targetSet);

  withGradMode(options.createGraph, () => {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k]!;
      const node = t.gradNode;
      if (node === null || targetSet?.has(t)) {
        const g = grads.get(t);
        if (g !== undefined && targetSet === null && t.requiresGrad) accumulateLeaf(t, g, options.createGraph);
        continue;
      }
      if ('outputs' in node) {
        // a node shared by several outputs runs once, at the last of them the sweep reaches:
        // every consumer of every output comes later in `order`, so all their gradients are complete
        const left = sharedVisits.get(node)! - 1;
        sharedVisits.set(node, left);
        if (left > 0) continue;
        const dys = node.outputs.map((o) => (targetSet?.has(o) ? null : (grads.get(o) ?? null)));
        if (dys.every((dy) => dy === null)) continue;
        runNode(node, grads, options.retainGraph, () =>
          node.op.backward({ inputs: node.inputs, outputs: node.outputs, attrs: node.attrs }, dys),
        );
        continue;
      }
      const g = grads.get(t);
      if (g === undefined) continue;
      runNode(node, grads, options.retainGraph, () =>
        node.op.backward({ inputs: node.inputs, output: t, attrs: node.attrs }, g),
      );
    }
  });
  return targets ? targets.map((t) => grads.get(t)) : [];
}

/** Check a node's saved inputs, run its backward rule and add the gradients it returns to its inputs'. */
function runNode(
  node: GradNode,
  grads: Map<Tensor, Tensor>,
  retainGraph: boolean,
  rule: () => readonly (Tensor | null)[],
): void {
  if (node.released) {
    throw new AutogradError(
      `backward: the graph through '${node.op.name}' was already freed by an earlier backward; pass {retainGraph: true} to the first call to run backward twice`,
    );
  }
  node.inputs.forEach((input, i) => {
    if (input.version !== node.versions[i]) {
      throw new AutogradError(
        `backward: an input of '${node.op.name}' (shape ${formatShape(input.shape)}) was modified in place after the op saved it (version ${node.versions[i]} → ${input.version})`,
      );
    }
  });
  const inputGrads = inBackwardOf(node.op.name, rule);
  node.inputs.forEach((input, i) => {
    const gi = inputGrads[i];
    if (!input.requiresGrad || gi === null || gi === undefined) return;
    if (!sameShape(gi.shape, input.shape)) {
      throw new AutogradError(
        `backward of '${node.op.name}': gradient shape ${formatShape(gi.shape)} differs from input ${i}'s ${formatShape(input.shape)}`,
      );
    }
    if (isAnomalyDetectionEnabled()) checkFinite(node.op.name, 'backward', gi);
    accumulate(grads, input, gi);
  });
  if (!retainGraph) {
    node.released = true;
    node.inputs = [];
  }
}

/**
 * How many outputs of each shared (multi-output) node the sweep will visit: those in
 * `order` that are not targets (a target stops the sweep, so its gradient goes no further).
 */
function sharedNodeVisits(order: readonly Tensor[], targetSet: Set<Tensor> | null): Map<MultiOutputNode, number> {
  const visits = new Map<MultiOutputNode, number>();
  for (const t of order) {
    const node = t.gradNode;
    if (node !== null && 'outputs' in node && !targetSet?.has(t)) visits.set(node, (visits.get(node) ?? 0) + 1);
  }
  return visits;
}

function accumulate(grads: Map<Tensor, Tensor>, t: Tensor, g: Tensor): void {
  const previous = grads.get(t);
  grads.set(t, previous === undefined ? g : add(previous, g));
}

function accumulateLeaf(t: Tensor, g: Tensor, createGraph: boolean): void {
  const incoming = createGraph ? g : g.detach();
  const grad = incoming.dtype === t.dtype ? incoming : incoming.to(t.dtype);
  t.grad = t.grad === null ? (createGraph ? grad : grad.clone().detach()) : add(t.grad, grad);
}

/** Tensors reachable from the roots through recorded ops, each after all its inputs. */
function topologicalOrder(roots: readonly Tensor[], stopAt: Set<Tensor> | null): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: { t: Tensor; expanded: boolean }[] = roots.map((t) => ({ t, expanded: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.t);
      continue;
    }
    if (visited.has(top.t)) continue;
    visited.add(top.t);
    stack.push({ t: top.t, expanded: true });
    if (stopAt?.has(top.t)) continue;
    for (const input of top.t.gradNode?.inputs ?? []) {
      if (input.requiresGrad && !visited.has(input)) stack.push({ t: input, expanded: false });
    }
  }
  return order;
}
