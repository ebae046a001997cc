import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import type { OnnxAttribute, OnnxGraphBuilder } from './lowering.js';

export interface GraphNode {
  opType: string;
  inputs: readonly string[];
  outputs: string[];
  attributes: Record<string, OnnxAttribute>;
  name: string;
}

export interface Initializer {
  name: string;
  dtype: DType | 'int64';
  shape: Shape;
  values: ArrayLike<number>;
}

/** The graph being exported: nodes in topological order, initializers, fresh names. */
export class GraphBuilder implements OnnxGraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly initializers: Initializer[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    readonly opset: number,
    readonly dynamicBatch: boolean,
  ) {}

  /** A readable unique name: `relu_3`, `const_0`. */
  fresh(base: string): string {
    const n = this.counts.get(base) ?? 0;
    this.counts.set(base, n + 1);
    return `${base}_${n}`;
  }

  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, OnnxAttribute> = {},
    outputs = 1,
  ): string[] {
    const name = this.fresh(opType);
    const outs = Array.from({ length: outputs }, (_, i) => (outputs === 1 ? `${name}_out` : `${name}_out${i}`));
    this.nodes.push({ opType, inputs, outputs: outs, attributes, name });
    return outs;
  }

  constant(values: ArrayLike<number>, dtype: DType | 'int64', shape: Shape): string {
    return this.initializer(this.fresh('const'), values, dtype, shape);
  }

  initializer(name: string, values: ArrayLike<number>, dtype: DType | 'int64', shape: Shape): string {
    this.initializers.push({ name, dtype, shape, values });
    return name;
  }

  /** Make `name` the output of an Identity node called `alias` (for stable output names). */
  alias(name: string, alias: string): void {
    this.nodes.push({
      opType: 'Identity',
      inputs: [name],
      outputs: [alias],
      attributes: {},
      name: this.fresh('Identity'),
    });
  }
}
