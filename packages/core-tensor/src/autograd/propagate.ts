import { AutogradError } from '../errors.js';
import { add } from '../ops/binary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkFinite, inBackwardOf } from './dispatch.js';
import { isAnomalyDetectionEnabled, withGradMode } from './mode.js';

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
 * calling each op's backward rule with the summed upstream gradient. Returns the
 * gradients of `targets` (undefined where a target is not reached).
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

  withGradMode(options.createGraph, () => {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k]!;
      const g = grads.get(t);
      if (g === undefined) continue;
      const node = t.gradNode;
      if (targetSet?.has(t) || node === null) {
        if (targetSet === null && t.requiresGrad) accumulateLeaf(t, g, options.createGraph);
        continue;
      }
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
      const inputGrads = inBackwardOf(node.op.name, () =>
        node.op.backward({ inputs: node.inputs, output: t, attrs: node.attrs }, g),
      );
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
      if (!options.retainGraph) {
        node.released = true;
        node.inputs = [];
      }
    }
  });
  return targets ? targets.map((t) => grads.get(t)) : [];
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
