import { allocate } from '../dtype.js';
import type { FloatArray } from '../kernels/types.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Hyperparameters every optimizer has; schedulers change `lr` between steps. */
export interface BaseHyperparameters {
  /** Learning rate η. */
  lr: number;
  /** The lr a scheduler started from (set by the first scheduler attached). */
  initialLr?: number;
}

/** A group of parameters sharing hyperparameters (per-group lr, weight decay, …). */
export type ParamGroup<H extends BaseHyperparameters> = H & { params: Tensor[] };

/** What a caller passes to make a group: its parameters and any hyperparameters that differ from the defaults. */
export type ParamGroupSpec<H extends BaseHyperparameters> = Partial<H> & { params: Iterable<Tensor> };

/** Per-parameter optimizer state: step counters and moment buffers (null until needed). */
export type ParamState = Record<string, number | FloatArray | null>;

/**
 * A serializable snapshot (PyTorch's layout): per-parameter state keyed by the
 * parameter's index in group order, and each group's hyperparameters with the indices
 * of its parameters.
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor | number>>;
  paramGroups: (Record<string, unknown> & { params: number[] })[];
}

/**
 * Base of every optimizer: parameter groups, lazily created per-parameter state, an
 * in-place `step()` over raw typed arrays (no graph, no allocation after the first
 * step), `zeroGrad()` and exact save/resume through `stateDict()` / `loadStateDict()`.
 */
export abstract class Optimizer<H extends BaseHyperparameters, S extends ParamState> {
  readonly paramGroups: ParamGroup<H>[] = [];
  readonly defaults: H;
  protected readonly state = new Map<Tensor, S>();

  /** `options` override `defaults` where given (an undefined option keeps the default). */
  constructor(params: Iterable<Tensor> | readonly ParamGroupSpec<H>[], defaults: H, options: Partial<H>) {
    this.defaults = { ...defaults, ...definedEntries(options) };
    const list = [...(params as Iterable<Tensor | ParamGroupSpec<H>>)];
    if (list.length === 0) throw new RangeError(`${this.constructor.name}: got an empty parameter list`);
    const groups = list.every((p) => p instanceof Tensor)
      ? [Object.assign({} as Partial<H>, { params: list as Tensor[] })]
      : (list as ParamGroupSpec<H>[]);
    for (const group of groups) this.addParamGroup(group);
  }

  /** Add a group (e.g. layers unfrozen during fine-tuning); unspecified hyperparameters come from the defaults. */
  addParamGroup(spec: ParamGroupSpec<H>): void {
    const params = [...spec.params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    params.forEach((p, i) => {
      if (!(p instanceof Tensor))
        throw new TypeError(`${this.constructor.name}: group ${this.paramGroups.length} item ${i} is not a Tensor`);
      if (p.dtype !== 'float32' && p.dtype !== 'float64')
        throw new TypeError(`${this.constructor.name}: parameters must be float tensors, got ${p.dtype}`);
      if (!p.isLeaf)
        throw new TypeError(
          `${this.constructor.name}: can only optimize leaf tensors (parameter ${i} was computed by '${p.gradNode?.op.name}')`,
        );
      if (seen.has(p))
        throw new RangeError(`${this.constructor.name}: a parameter appears in more than one group (or twice in one)`);
      seen.add(p);
    });
    const group = {
      ...structuredClone(this.defaults),
      ...definedEntries(withoutParams(spec)),
      params,
    } as ParamGroup<H>;
    this.validate(group);
    this.paramGroups.push(group);
  }

  /** Throw a RangeError naming a hyperparameter that is out of range. */
  protected abstract validate(group: H): void;

  /** The state of a parameter before its first update. */
  protected abstract initState(param: Tensor, group: H): S;

  /** Update one parameter in place from its gradient: the optimizer's formula, as a typed-array loop. */
  protected abstract update(param: FloatArray, grad: FloatArray, group: H, state: S): void;

  /** One optimization step over every parameter that has a gradient. */
  step(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (grad.size !== p.size) {
          throw new RangeError(
            `${this.constructor.name}.step: gradient ${formatShape(grad.shape)} does not fit parameter ${formatShape(p.shape)}`,
          );
        }
        let state = this.state.get(p);
        if (state === undefined) {
          state = this.initState(p, group);
          this.state.set(p, state);
        }
        this.update(p.data as FloatArray, asFloat(grad, p), group, state);
        p.versionCounter.value++;
      }
    }
  }

  /** Drop every parameter's gradient (`.grad = null`). */
  zeroGrad(): void {
    for (const group of this.paramGroups) for (const p of group.params) p.grad = null;
  }

  /** A deep copy of the hyperparameters and state; training on does not change it. */
  stateDict(): OptimizerStateDict {
    const state: OptimizerStateDict['state'] = {};
    const paramGroups: OptimizerStateDict['paramGroups'] = [];
    let index = 0;
    for (const group of this.paramGroups) {
      const ids: number[] = [];
      for (const p of group.params) {
        const s = this.state.get(p);
        if (s !== undefined) state[index] = exportState(s, p);
        ids.push(index++);
      }
      paramGroups.push({ ...structuredClone(withoutParams(group)), params: ids });
    }
    return { state, paramGroups };
  }

  /** Restore hyperparameters and state saved by `stateDict()` (into an optimizer over same-shaped parameters). */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const name = this.constructor.name;
    if (stateDict.paramGroups.length !== this.paramGroups.length) {
      throw new RangeError(
        `${name}.loadStateDict: the state dict has ${stateDict.paramGroups.length} parameter groups, the optimizer ${this.paramGroups.length}`,
      );
    }
    const params = this.paramGroups.flatMap((g) => g.params);
    stateDict.paramGroups.forEach((saved, gi) => {
      const own = this.paramGroups[gi]!.params;
      if (saved.params.length !== own.length) {
        throw new RangeError(
          `${name}.loadStateDict: group ${gi} has ${saved.params.length} parameters in the state dict, ${own.length} in the optimizer`,
        );
      }
    });
    const restored = new Map<Tensor, S>();
    for (const [key, saved] of Object.entries(stateDict.state)) {
      const p = params[Number(key)];
      if (p === undefined)
        throw new RangeError(
          `${name}.loadStateDict: state for parameter ${key}, but the optimizer has ${params.length}`,
        );
      const group = this.paramGroups.find((g) => g.params.includes(p))!;
      restored.set(p, this.importState(saved, p, group, key));
    }
    stateDict.paramGroups.forEach((saved, gi) => {
      const { params: _ids, ...hyper } = saved;
      Object.assign(this.paramGroups[gi]!, structuredClone(hyper));
    });
    this.state.clear();
    for (const [p, s] of restored) this.state.set(p, s);
  }

  private importState(saved: Record<string, Tensor | number>, p: Tensor, group: H, key: string): S {
    const name = this.constructor.name;
    const fresh: ParamState = this.initState(p, group);
    for (const k of Object.keys(saved)) {
      if (!(k in fresh))
        throw new RangeError(
          `${name}.loadStateDict: unknown state '${k}' for parameter ${key} (expected ${Object.keys(fresh).join(', ')})`,
        );
    }
    for (const k of Object.keys(fresh)) {
      const value = saved[k];
      if (value === undefined) {
        if (fresh[k] !== null)
          throw new RangeError(`${name}.loadStateDict: state '${k}' of parameter ${key} is missing`);
      } else if (typeof value === 'number') {
        fresh[k] = value;
      } else {
        if (value.size !== p.size)
          throw new RangeError(
            `${name}.loadStateDict: state '${k}' of parameter ${key} has shape ${formatShape(value.shape)}, the parameter ${formatShape(p.shape)}`,
          );
        const buffer = allocate(p.dtype as 'float32' | 'float64', p.size);
        buffer.set(value.data);
        fresh[k] = buffer;
      }
    }
    return fresh as S;
  }
}

/** A zero buffer of the same length and dtype (a fresh moment buffer). */
export function zerosLike(a: FloatArray): FloatArray {
  return a instanceof Float32Array ? new Float32Array(a.length) : new Float64Array(a.length);
}

/** The entries of `record` whose value is not undefined. */
function definedEntries<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function withoutParams<T extends { params: unknown }>(group: T): Omit<T, 'params'> {
  const { params: _params, ...rest } = group;
  return rest;
}

function exportState(s: ParamState, p: Tensor): Record<string, Tensor | number> {
  const out: Record<string, Tensor | number> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === null) continue;
    out[k] = typeof v === 'number' ? v : new Tensor(v.slice(), p.shape);
  }
  return out;
}

/** The gradient's data in the parameter's dtype. */
function asFloat(grad: Tensor, p: Tensor): FloatArray {
  return (grad.dtype === p.dtype ? grad : grad.to(p.dtype)).data as FloatArray;
}
