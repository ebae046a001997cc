import type { OpObserver } from '../autograd/dispatch.js';
import { setOpObserver } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import type { OpDef } from '../ops/define.js';
import type { MultiOutputOpDef } from '../ops/define-multi-output.js';
import type { Tensor } from '../tensor/tensor.js';
import type { GraphBuilder } from './graph.js';

/** Thrown when a function cannot be recorded as a static graph. */
export class TraceError extends Error {
  override name = 'TraceError';
}

/**
 * Records every op that depends on a graph input as ONNX nodes (define-then-run from a
 * define-by-run function). Ops on constants alone are folded: their results enter the
 * graph as initializers where they are used. Parameters keep their module names.
 */
export class Tracer implements OpObserver {
  private readonly names = new Map<Tensor, string>();
  private readonly lastOp = new Map<Tensor, string>();
  private readonly inputs = new Set<Tensor>();

  constructor(
    private readonly graph: GraphBuilder,
    private readonly parameterNames: ReadonlyMap<Tensor, string>,
    /** Who traces, for error messages (`exportOnnx`, `compileValueAndGrad`). */
    private readonly caller = 'exportOnnx',
  ) {}

  /** Declare a graph input. */
  input(t: Tensor, name: string): void {
    this.names.set(t, name);
    this.inputs.add(t);
  }

  /** The graph value for a tensor: a traced value, a named parameter, or a folded constant. */
  valueOf(t: Tensor): string {
    const known = this.names.get(t);
    if (known !== undefined) return known;
    const name = this.graph.initializer(
      this.parameterNames.get(t) ?? this.graph.fresh('const'),
      t.data,
      t.dtype,
      t.shape,
    );
    this.names.set(t, name);
    return name;
  }

  isTraced(t: Tensor): boolean {
    return this.lastOp.has(t);
  }

  record(op: OpDef<any>, inputs: readonly Tensor[], attrs: unknown, output: Tensor): void {
    this.lower(op.name, inputs, [output], (names) => [
      op.onnx(this.graph, names, attrs, {
        inputShapes: inputs.map((t) => t.shape),
        inputDTypes: inputs.map((t) => t.dtype),
        outputShape: output.shape,
        outputDType: output.dtype,
      }),
    ]);
  }

  recordMultiOutput(
    op: MultiOutputOpDef<any>,
    inputs: readonly Tensor[],
    attrs: unknown,
    outputs: readonly Tensor[],
  ): void {
    this.lower(op.name, inputs, outputs, (names) =>
      op.onnx(this.graph, names, attrs, {
        inputShapes: inputs.map((t) => t.shape),
        inputDTypes: inputs.map((t) => t.dtype),
        outputShapes: outputs.map((t) => t.shape),
        outputDTypes: outputs.map((t) => t.dtype),
      }),
    );
  }

  /** Emit the nodes of one op call that depends on a graph input, naming its outputs' values. */
  private lower(
    opName: string,
    inputs: readonly Tensor[],
    outputs: readonly Tensor[],
    emit: (inputNames: string[]) => string[],
  ): void {
    if (!inputs.some((t) => this.isTraced(t) || this.isInput(t))) return;
    const inputNames = inputs.map((t) => this.valueOf(t));
    let names: string[];
    try {
      names = emit(inputNames);
    } catch (error) {
      throw new TraceError(`${this.caller}: op '${opName}' cannot be exported: ${(error as Error).message}`);
    }
    outputs.forEach((output, i) => {
      this.names.set(output, names[i]!);
      this.lastOp.set(output, opName);
    });
  }

  read(t: Tensor, how: string): void {
    if (this.isTraced(t) || this.isInput(t)) {
      const producer = this.lastOp.get(t);
      throw new TraceError(
        `${this.caller}: the function reads the values of a traced tensor with ${how}${producer ? ` (output of '${producer}')` : ''}; data-dependent control flow cannot be recorded in a static graph — compute with tensor ops instead`,
      );
    }
  }

  private isInput(t: Tensor): boolean {
    return this.inputs.has(t);
  }

  /** Run `fn` with this tracer observing every op, without recording autograd graphs. */
  run<T>(fn: () => T): T {
    const previous = setOpObserver(this);
    try {
      return noGrad(fn);
    } finally {
      setOpObserver(previous);
    }
  }
}
