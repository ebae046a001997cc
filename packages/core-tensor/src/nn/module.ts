import type { Tensor } from '../tensor/tensor.js';
import { formatModuleTree } from './module-format.js';
import type { LoadStateDictOptions, LoadStateDictResult, StateDict, StateDictOptions } from './state-dict.js';
import { loadTensors, snapshot, spellKeys } from './state-dict.js';

/** A module of any signature (what containers and tree walks hold). */
export type AnyModule = Module<any, any>;

/**
 * The base of every layer and model, as in PyTorch: a module owns parameters (float
 * leaves with requiresGrad, trained by an optimizer), buffers (state that is saved but
 * not trained, like BatchNorm's running mean) and submodules, each registered by name:
 *
 * ```ts
 * class Affine extends Module {
 *   readonly weight = this.registerParameter('weight', ones([3]));
 *   forward(x: Tensor): Tensor { return x.mul(this.weight); }
 * }
 * ```
 *
 * `In` is the tuple of `forward`'s arguments and `Out` its result, so `model.call(x)`
 * is typed per subclass.
 */
export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** Whether the module is in training mode (Dropout drops, BatchNorm uses batch statistics). */
  training = true;
  readonly #parameters = new Map<string, Tensor>();
  readonly #buffers = new Map<string, Tensor>();
  readonly #modules = new Map<string, AnyModule>();

  /** The computation of the module. */
  abstract forward(...args: In): Out;

  /** Run `forward` (PyTorch's `module(x)`). */
  call(...args: In): Out {
    return this.forward(...args);
  }

  /**
   * Register `tensor` as a trainable parameter under `name` and return it. It must be a
   * float leaf; it is marked requiresGrad.
   */
  protected registerParameter(name: string, tensor: Tensor): Tensor {
    this.checkName(name, 'parameter', this.#parameters);
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'float64') {
      throw new TypeError(`registerParameter('${name}'): a parameter must be a float tensor, got ${tensor.dtype}`);
    }
    if (!tensor.isLeaf)
      throw new TypeError(`registerParameter('${name}'): a parameter must be a leaf tensor; pass tensor.detach()`);
    tensor.requiresGrad = true;
    this.#parameters.set(name, tensor);
    return tensor;
  }

  /** Register `tensor` as a buffer: part of the state dict, never trained. */
  protected registerBuffer(name: string, tensor: Tensor): Tensor {
    this.checkName(name, 'buffer', this.#buffers);
    this.#buffers.set(name, tensor);
    return tensor;
  }

  /** Register `module` as a submodule under `name` (re-registering a name replaces it in place). */
  protected registerModule<M extends AnyModule>(name: string, module: M): M {
    this.checkName(name, 'module', this.#modules);
    this.#modules.set(name, module);
    return module;
  }

  private checkName(name: string, kind: string, own: Map<string, unknown>): void {
    if (name === '' || name.includes('.'))
      throw new RangeError(`register ${kind}: name must be non-empty and contain no '.', got '${name}'`);
    const taken = [this.#parameters, this.#buffers, this.#modules].some((m) => m !== own && m.has(name));
    if (taken || (own.has(name) && kind !== 'module')) {
      throw new RangeError(`register ${kind}: '${name}' is already registered on ${this.constructor.name}`);
    }
  }

  /** Direct submodules with their names, in registration order. */
  namedChildren(): [string, AnyModule][] {
    return [...this.#modules];
  }

  children(): AnyModule[] {
    return [...this.#modules.values()];
  }

  /** This module and every descendant (each once), with dotted names; this one is ''. */
  namedModules(prefix = ''): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    const visit = (module: AnyModule, name: string): void => {
      if (seen.has(module)) return;
      seen.add(module);
      out.push([name, module]);
      for (const [childName, child] of module.#modules) visit(child, name === '' ? childName : `${name}.${childName}`);
    };
    visit(this, prefix);
    return out;
  }

  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter (shared ones once) with its dotted path, e.g. `0.weight`. */
  namedParameters(options: { recurse?: boolean } = {}): [string, Tensor][] {
    return this.collect((m) => m.#parameters, options.recurse ?? true);
  }

  parameters(options: { recurse?: boolean } = {}): Tensor[] {
    return this.namedParameters(options).map(([, p]) => p);
  }

  namedBuffers(options: { recurse?: boolean } = {}): [string, Tensor][] {
    return this.collect((m) => m.#buffers, options.recurse ?? true);
  }

  buffers(options: { recurse?: boolean } = {}): Tensor[] {
    return this.namedBuffers(options).map(([, b]) => b);
  }

  private collect(pick: (m: AnyModule) => Map<string, Tensor>, recurse: boolean): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    const owners: [string, AnyModule][] = recurse ? this.namedModules() : [['', this]];
    for (const [prefix, module] of owners) {
      for (const [name, t] of pick(module)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([prefix === '' ? name : `${prefix}.${name}`, t]);
      }
    }
    return out;
  }

  /** Call `fn` on every submodule (children first) and then on this module; returns this. */
  apply(fn: (module: AnyModule) => void): this {
    for (const child of this.#modules.values()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Set training mode on this module and all descendants. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Freeze (false) or unfreeze (true) every parameter. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** Drop every parameter's accumulated gradient (sets `.grad` to null, like PyTorch's default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Σ sizes of the parameters (only those with requiresGrad when `trainableOnly`). */
  numParameters(options: { trainableOnly?: boolean } = {}): number {
    let n = 0;
    for (const p of this.parameters()) if (!options.trainableOnly || p.requiresGrad) n += p.size;
    return n;
  }

  /** Every parameter and buffer of the tree under its dotted name (live tensors, not copies). */
  namedStateTensors(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      const key = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
      for (const [name, t] of module.#parameters) out.push([key(name), t]);
      for (const [name, t] of module.#buffers) out.push([key(name), t]);
    }
    return out;
  }

  /**
   * A snapshot of every parameter and buffer, keyed by dotted path in registration
   * order. The tensors are copies: training on does not change a saved state dict.
   * `keys: 'pytorch'` spells the keys as PyTorch does (`running_mean`).
   */
  stateDict(options: StateDictOptions = {}): StateDict {
    return snapshot(spellKeys(this.namedStateTensors(), options.keys));
  }

  /**
   * Copy `stateDict`'s values into this module's parameters and buffers (in place, so
   * optimizers keep working). Shape mismatches always throw; missing and unexpected
   * keys throw when `strict` (the default) and are returned otherwise. Nothing is
   * copied unless everything checks out. `keys: 'pytorch'` reads a state dict keyed as
   * PyTorch keys the same architecture (`running_mean`, `num_batches_tracked`); the
   * reported keys are then spelled that way too.
   */
  loadStateDict(stateDict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const targets = spellKeys(this.namedStateTensors(), options.keys);
    return loadTensors(this.constructor.name, targets, stateDict, options.strict ?? true);
  }

  /** Hyperparameters shown by `toString()`, e.g. `inFeatures=64, outFeatures=10`. */
  extraRepr(): string {
    return '';
  }

  /** A readable tree of the module with parameter counts. */
  toString(): string {
    return formatModuleTree(this);
  }
}
