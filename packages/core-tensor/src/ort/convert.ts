import type { DType } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';
import type { OrtTensor, OrtTensorConstructor } from './runtime.js';

const ortTypeOf: Record<DType, string> = { float32: 'float32', float64: 'float64', int32: 'int32', bool: 'bool' };

/** A shinkei tensor as an ORT tensor (shares the buffer where the types allow). */
export function toOrt(OrtTensorClass: OrtTensorConstructor, t: Tensor): OrtTensor {
  return new OrtTensorClass(ortTypeOf[t.dtype], t.data, t.shape);
}

/** An ORT tensor as a shinkei tensor (int64 → int32, checked; uint8/bool → bool). */
export function fromOrt(name: string, o: OrtTensor): Tensor {
  const dims = [...o.dims].map(Number);
  switch (o.type) {
    case 'float32':
      return new Tensor(Float32Array.from(o.data as Float32Array), dims);
    case 'float64':
      return new Tensor(Float64Array.from(o.data as Float64Array), dims);
    case 'int32':
      return new Tensor(Int32Array.from(o.data as Int32Array), dims);
    case 'bool':
    case 'uint8':
      return new Tensor(
        Uint8Array.from(o.data as Uint8Array, (v) => (v ? 1 : 0)),
        dims,
      );
    case 'int64': {
      const src = o.data as BigInt64Array;
      const out = new Int32Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = Number(src[i]!);
        if (v > 2147483647 || v < -2147483648)
          throw new RangeError(`OrtModel: output '${name}' holds int64 ${src[i]} beyond int32`);
        out[i] = v;
      }
      return new Tensor(out, dims);
    }
    default:
      throw new TypeError(`OrtModel: output '${name}' has ONNX type ${o.type}, which shinkei tensors do not hold`);
  }
}
