import type { Tensor } from '../tensor/tensor.js';
import type { AnyModule } from './module.js';
import { Module } from './module.js';

/** A module mapping one tensor to one tensor: what Sequential chains. */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Chain of modules: forward(x) = fₙ(…f₂(f₁(x))). Built from modules (named '0', '1', …)
 * or from a record of named ones.
 */
export class Sequential extends Module {
  readonly #layers: TensorModule[] = [];

  constructor(...layers: TensorModule[] | [Record<string, TensorModule>]) {
    super();
    const first = layers[0];
    const named = layers.length === 1 && typeof first === 'object' && first !== null && !(first instanceof Module);
    const entries: [string, TensorModule][] = named
      ? Object.entries(first as Record<string, TensorModule>)
      : (layers as TensorModule[]).map((m, i) => [String(i), m]);
    for (const [name, layer] of entries) {
      if (!(layer instanceof Module))
        throw new TypeError(
          `Sequential: layer '${name}' must be a Module, got ${layer === null ? 'null' : typeof layer}`,
        );
      this.#layers.push(this.registerModule(name, layer));
    }
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.#layers) h = layer.call(h);
    return h;
  }

  get length(): number {
    return this.#layers.length;
  }

  /** The i-th layer (negative i counts from the end). */
  at(i: number): TensorModule {
    const layer = this.#layers.at(i);
    if (layer === undefined)
      throw new RangeError(`Sequential.at: index ${i} is out of range for ${this.length} layers`);
    return layer;
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return this.#layers[Symbol.iterator]();
  }
}

/**
 * A list of submodules (registered as '0', '1', …) for models that loop over layers
 * themselves. It has no forward of its own: its forward takes no possible argument.
 */
export class ModuleList<M extends AnyModule = AnyModule> extends Module<never, never> {
  readonly #items: M[] = [];

  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  append(module: M): this {
    this.#items.push(this.registerModule(String(this.#items.length), module));
    return this;
  }

  get length(): number {
    return this.#items.length;
  }

  at(i: number): M {
    const item = this.#items.at(i);
    if (item === undefined)
      throw new RangeError(`ModuleList.at: index ${i} is out of range for ${this.length} modules`);
    return item;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.#items[Symbol.iterator]();
  }

  forward(): never {
    throw new TypeError('ModuleList has no forward: iterate over its modules');
  }
}

/** Submodules by name, in insertion order. Like ModuleList, it has no forward. */
export class ModuleDict<M extends AnyModule = AnyModule> extends Module<never, never> {
  readonly #items = new Map<string, M>();

  constructor(modules: Record<string, M> = {}) {
    super();
    for (const [name, m] of Object.entries(modules)) this.set(name, m);
  }

  /** Add or replace the module under `name`. */
  set(name: string, module: M): this {
    this.#items.set(name, this.registerModule(name, module));
    return this;
  }

  get(name: string): M {
    const item = this.#items.get(name);
    if (item === undefined)
      throw new RangeError(
        `ModuleDict.get: no module named '${name}' (have ${[...this.#items.keys()].join(', ') || 'none'})`,
      );
    return item;
  }

  has(name: string): boolean {
    return this.#items.has(name);
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  entries(): [string, M][] {
    return [...this.#items];
  }

  get size(): number {
    return this.#items.size;
  }

  forward(): never {
    throw new TypeError('ModuleDict has no forward: pick its modules by name');
  }
}
