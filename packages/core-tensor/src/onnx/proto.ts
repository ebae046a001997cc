import onnxProto from 'onnx-proto';
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import type { GraphBuilder, Initializer } from './graph.js';
import type { OnnxAttribute } from './lowering.js';
import { onnxDataType } from './lowering.js';

const { onnx } = onnxProto;

const INT64 = 7;

/** ONNX attributes typed FLOAT even when their value is a whole number (Elu's alpha = 1, …). */
const FLOAT_ATTRIBUTES = new Set([
  'alpha',
  'beta',
  'gamma',
  'epsilon',
  'momentum',
  'lambd',
  'bias',
  'ratio',
  'threshold',
]);

export interface ValueInfo {
  name: string;
  dtype: DType;
  /** Dims, with a string for a symbolic (dynamic) dim. */
  shape: readonly (number | string)[];
}

function dataTypeOf(dtype: DType | 'int64'): number {
  return dtype === 'int64' ? INT64 : onnxDataType[dtype];
}

/** Little-endian raw bytes of the values in the ONNX element type. */
function rawBytes(dtype: DType | 'int64', values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  let view: ArrayBufferView;
  if (dtype === 'int64') view = BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v))));
  else if (dtype === 'float32') view = Float32Array.from(values);
  else if (dtype === 'float64') view = Float64Array.from(values);
  else if (dtype === 'int32') view = Int32Array.from(values);
  else view = Uint8Array.from(values, (v) => (v ? 1 : 0));
  // typed arrays are little-endian on every platform Node supports
  return new Uint8Array(view.buffer, view.byteOffset, n === 0 ? 0 : view.byteLength);
}

function tensorProto(init: Initializer): onnxProto.onnx.ITensorProto {
  return {
    name: init.name,
    dataType: dataTypeOf(init.dtype),
    dims: [...init.shape],
    rawData: rawBytes(init.dtype, init.values),
  };
}

function attributeProto(name: string, value: OnnxAttribute): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'number') {
    return Number.isInteger(value) && !FLOAT_ATTRIBUTES.has(name)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === 'string') {
      return {
        name,
        type: AttributeType.STRINGS,
        strings: (value as string[]).map((s) => new TextEncoder().encode(s)),
      };
    }
    const numbers = value as number[];
    return numbers.every(Number.isInteger)
      ? { name, type: AttributeType.INTS, ints: numbers }
      : { name, type: AttributeType.FLOATS, floats: numbers };
  }
  const { tensor } = value as { tensor: { dtype: DType; shape: Shape; values: ArrayLike<number> } };
  return { name, type: AttributeType.TENSOR, t: tensorProto({ name: '', ...tensor }) };
}

function valueInfo(v: ValueInfo): onnxProto.onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: onnxDataType[v.dtype],
        shape: { dim: v.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Serialize a built graph as an ONNX ModelProto (IR version 8). */
export function encodeModel(
  graph: GraphBuilder,
  inputs: readonly ValueInfo[],
  outputs: readonly ValueInfo[],
  graphName: string,
): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'shinkei',
    producerVersion: '0.1.0',
    opsetImport: [{ domain: '', version: graph.opset }],
    graph: {
      name: graphName,
      node: graph.nodes.map((n) => ({
        name: n.name,
        opType: n.opType,
        input: [...n.inputs],
        output: n.outputs,
        attribute: Object.entries(n.attributes).map(([k, v]) => attributeProto(k, v)),
      })),
      initializer: graph.initializers.map(tensorProto),
      input: inputs.map(valueInfo),
      output: outputs.map(valueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
