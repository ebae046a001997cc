import { allocate } from '../dtype.js';
import { AutogradError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import { onesLike, zerosLike } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { isGradEnabled, withGradMode } from './mode.js';
import { propagate } from './propagate.js';

/**
 * Gradients of `outputs` with respect to `inputs` (torch.autograd.grad), without
 * touching any `.grad`. With createGraph the result is itself differentiable.
 */
export function gradients(
  outputs: Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs?: readonly Tensor[],
  options: { createGraph?: boolean; retainGraph?: boolean; allowUnused?: boolean } = {},
): Tensor[] {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  outs.forEach((o, i) => {
    if (!o.requiresGrad)
      throw new AutogradError(`gradients: output ${i} does not depend on any input that requires grad`);
    if (gradOutputs === undefined && o.size !== 1) {
      throw new AutogradError(
        `gradients: output ${i} has shape ${formatShape(o.shape)}; pass gradOutputs for non-scalar outputs`,
      );
    }
    const g = gradOutputs?.[i];
    if (g !== undefined && !sameShape(g.shape, o.shape)) {
      throw new AutogradError(
        `gradients: gradOutputs[${i}] has shape ${formatShape(g.shape)}, output ${formatShape(o.shape)}`,
      );
    }
  });
  const createGraph = options.createGraph ?? false;
  const result = propagate(
    outs,
    outs.map((o, i) => gradOutputs?.[i] ?? onesLike(o)),
    {
      createGraph,
      retainGraph: options.retainGraph ?? createGraph,
      targets: inputs,
    },
  );
  return result.map((g, i) => {
    if (g !== undefined) return g;
    if (!options.allowUnused)
      throw new AutogradError(
        `gradients: input ${i} was not used to compute the outputs (pass allowUnused to get zeros)`,
      );
    return zerosLike(inputs[i]!);
  });
}

type Fn = (...args: Tensor[]) => Tensor;
type MultiFn = (...args: Tensor[]) => Tensor | Tensor[];

/**
 * Fresh graph entry points for the arguments: tensors tracked by an outer
 * differentiation stay connected through an identity op, so grad(grad(f)) works.
 */
function entryPoints(args: readonly Tensor[], argnums: readonly number[]): Tensor[] {
  return args.map((a, i) => {
    if (!argnums.includes(i)) return a;
    if (a.dtype !== 'float32' && a.dtype !== 'float64')
      throw new AutogradError(`grad: argument ${i} must be a float tensor, got ${a.dtype}`);
    if (a.requiresGrad && isGradEnabled()) return a.clone();
    return a.detach().requiresGrad_(true);
  });
}

/**
 * Keep a result differentiable only when it depends on a tensor tracked outside this
 * call (an outer grad, or a closure over parameters); otherwise detach it, so loops like
 * x ← x − η∇f(x) do not grow a graph.
 */
function keepIfTrackedOutside(t: Tensor, entries: readonly Tensor[]): Tensor {
  if (!t.requiresGrad) return t;
  const internal = new Set(entries.filter((e) => e.isLeaf));
  const seen = new Set<Tensor>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (seen.has(u) || internal.has(u)) continue;
    seen.add(u);
    if (u.gradNode === null) {
      if (u.requiresGrad) return t;
      continue;
    }
    for (const input of u.gradNode.inputs) if (input.requiresGrad) stack.push(input);
  }
  return t.detach();
}

/**
 * value and gradient of a scalar function: valueAndGrad(f)(x…) → {value, grads}.
 * `argnums` picks which arguments to differentiate (all by default).
 */
export function valueAndGrad(
  fn: Fn,
  argnums?: number | readonly number[],
): (...args: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  return (...args) => {
    const nums = argnums === undefined ? args.map((_, i) => i) : typeof argnums === 'number' ? [argnums] : [...argnums];
    const createGraph = isGradEnabled();
    const inputs = entryPoints(args, nums);
    const value = withGradMode(true, () => fn(...inputs));
    if (value.size !== 1)
      throw new AutogradError(`grad: the function must return a scalar, got shape ${formatShape(value.shape)}`);
    const targets = nums.map((i) => inputs[i]!);
    const grads = value.requiresGrad
      ? gradients(value, targets, undefined, { createGraph, allowUnused: true })
      : targets.map((t) => zerosLike(t));
    return { value: keepIfTrackedOutside(value, inputs), grads: grads.map((g) => keepIfTrackedOutside(g, inputs)) };
  };
}

/** grad(f): the gradient function of a scalar function (one tensor for one argnum, else a list). */
export function grad(fn: Fn, argnums: number | readonly number[] = 0): (...args: Tensor[]) => Tensor | Tensor[] {
  const vg = valueAndGrad(fn, argnums);
  return (...args) => {
    const { grads } = vg(...args);
    return typeof argnums === 'number' ? grads[0]! : grads;
  };
}

/** Vector–Jacobian product: (f(primals), uᵀ·∂f/∂primals). */
export function vjp(
  fn: MultiFn,
  primals: readonly Tensor[],
  cotangents: Tensor | readonly Tensor[],
): { value: Tensor[]; vjp: Tensor[] } {
  const createGraph = isGradEnabled();
  const inputs = entryPoints(
    primals,
    primals.map((_, i) => i),
  );
  const out = withGradMode(true, () => fn(...inputs));
  const outs = Array.isArray(out) ? out : [out as Tensor];
  const cots = Array.isArray(cotangents) ? (cotangents as readonly Tensor[]) : [cotangents as Tensor];
  const tracked = outs.filter((o) => o.requiresGrad);
  const result =
    tracked.length === 0
      ? inputs.map((i) => zerosLike(i))
      : gradients(
          tracked,
          inputs,
          outs.map((o, i) => (o.requiresGrad ? cots[i]! : null)).filter((c): c is Tensor => c !== null),
          { createGraph, allowUnused: true },
        );
  return {
    value: outs.map((o) => keepIfTrackedOutside(o, inputs)),
    vjp: result.map((g) => keepIfTrackedOutside(g, inputs)),
  };
}

/**
 * Jacobian–vector product (forward mode): (f(primals), ∂f/∂primals · tangents), by the
 * double-vjp identity J v = ∂/∂u ⟨uᵀJ, v⟩, which works because every backward rule is
 * itself differentiable.
 */
export function jvp(fn: Fn, primals: readonly Tensor[], tangents: readonly Tensor[]): { value: Tensor; jvp: Tensor } {
  if (tangents.length !== primals.length)
    throw new AutogradError(`jvp: ${primals.length} primals but ${tangents.length} tangents`);
  const inputs = entryPoints(
    primals,
    primals.map((_, i) => i),
  );
  return withGradMode(true, () => {
    const out = fn(...inputs);
    if (!out.requiresGrad) return { value: out.detach(), jvp: zerosLike(out) };
    const u = zerosLike(out).requiresGrad_(true);
    const uJ = gradients(out, inputs, [u], { createGraph: true, allowUnused: true });
    const pairs = uJ.map((g, i) => ({ g, v: tangents[i]! })).filter(({ g }) => g.requiresGrad);
    if (pairs.length === 0) return { value: out.detach(), jvp: zerosLike(out) };
    const jv = gradients(
      pairs.map((p) => p.g),
      [u],
      pairs.map((p) => p.v),
      { allowUnused: true },
    )[0]!;
    return { value: out.detach(), jvp: jv };
  });
}

/** The full Jacobian ∂f/∂x of a function of one tensor: shape [...out.shape, ...x.shape]. */
export function jacobian(fn: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const input = entryPoints([x], [0])[0]!;
  const out = withGradMode(true, () => fn(input));
  const rows: Tensor[] = [];
  for (let i = 0; i < out.size; i++) {
    const e = zerosLike(out);
    e.data[i] = 1;
    rows.push(
      out.requiresGrad ? gradients(out, [input], [e], { retainGraph: true, allowUnused: true })[0]! : zerosLike(x),
    );
  }
  const data = allocate(x.dtype, out.size * x.size);
  for (const [i, r] of rows.entries()) data.set(r.data as never, i * x.size);
  return new Tensor(data, [...out.shape, ...x.shape]);
}

/** Hessian–vector product H v of a scalar function at x, by differentiating ⟨∇f, v⟩. */
export function hessianVectorProduct(fn: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  const input = entryPoints([x], [0])[0]!;
  return withGradMode(true, () => {
    const y = fn(input);
    if (!y.requiresGrad) return zerosLike(x);
    const g = gradients(y, [input], undefined, { createGraph: true })[0]!;
    if (!g.requiresGrad) return zerosLike(x);
    return gradients(g.mul(v).sum(), [input], undefined, { allowUnused: true })[0]!;
  });
}
