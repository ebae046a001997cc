import { describe, expect, it } from 'vitest';
import type { OpDef, Tensor } from '../../src/index.js';
import {
  cholesky,
  choleskyOp,
  det,
  detOp,
  detSignOp,
  eighOp,
  invOp,
  logAbsDetOp,
  matrixNorm,
  qrOp,
  slogdet,
  solve,
  solveOp,
  solveTriangularOp,
  svdOp,
  trace,
} from '../../src/linalg/index.js';
import { exportOnnx } from '../../src/onnx/export.js';
import type { OnnxGraphBuilder, OnnxOpInfo } from '../../src/onnx/lowering.js';
import { OrtModel } from '../../src/ort/index.js';
import { f64 } from './helpers.js';

/** A graph builder that records node types. */
function recorder(): { g: OnnxGraphBuilder; nodes: string[] } {
  const nodes: string[] = [];
  let counter = 0;
  const g: OnnxGraphBuilder = {
    opset: 17,
    dynamicBatch: false,
    node: (opType, _inputs, _attributes, outputs = 1) => {
      nodes.push(opType);
      return Array.from({ length: outputs }, () => `v${counter++}`);
    },
    constant: () => `c${counter++}`,
  };
  return { g, nodes };
}

const info: OnnxOpInfo = { inputShapes: [[3, 3]], inputDTypes: ['float32'], outputShape: [], outputDType: 'float32' };

function lower(op: OpDef<any>): { output: string; nodes: string[] } {
  const { g, nodes } = recorder();
  return { output: op.onnx(g, ['A', 'B'], undefined as never, info), nodes };
}

describe('ONNX lowering of linalg ops', () => {
  it('det uses ONNX Det; slogdet composes Det with Abs, Log and Sign', () => {
    expect(lower(detOp).nodes).toEqual(['Det']);
    expect(lower(logAbsDetOp).nodes).toEqual(['Det', 'Abs', 'Log']);
    expect(lower(detSignOp).nodes).toEqual(['Det', 'Sign']);
  });

  it('ops ONNX cannot express throw, naming the op', () => {
    const unsupported: [OpDef<any>, string][] = [
      [solveOp, 'linalg.solve'],
      [solveTriangularOp, 'linalg.solveTriangular'],
      [invOp, 'linalg.inv'],
      [choleskyOp, 'linalg.cholesky'],
      [qrOp, 'linalg.qr'],
      [eighOp, 'linalg.eigh'],
      [svdOp, 'linalg.svd'],
    ];
    for (const [op, name] of unsupported) {
      expect(() => lower(op)).toThrow(
        new RegExp(`^${name.replace('.', '\\.')} cannot be exported to ONNX: ONNX \\(opset 17\\) has no`),
      );
    }
  });
});

describe('exported to ONNX and run in ONNX Runtime', () => {
  const a = f64([
    [
      [2, -1, 0.5],
      [1, 3, -2],
      [0.25, 1, 4],
    ],
    [
      [0, 1, 2],
      [1, 0, 3],
      [4, -3, 8],
    ],
  ]).to('float32');

  it('det, slogdet, trace and the elementwise matrix norms give the eager values', () => {
    const fn = (x: Tensor): Tensor[] => {
      const { sign, logabsdet } = slogdet(x);
      return [
        det(x),
        sign,
        logabsdet,
        trace(x),
        matrixNorm(x),
        matrixNorm(x, 1),
        matrixNorm(x, Number.POSITIVE_INFINITY),
      ];
    };
    const eager = fn(a);
    const onnx = OrtModel.fromModule(fn, [a]).runSync([a]);
    for (const [i, out] of onnx.entries()) expect(out).toBeAllClose(eager[i]!, { rtol: 1e-5, atol: 1e-6 });
  });

  it('solve and cholesky refuse to export, naming the op', () => {
    expect(() => exportOnnx((x: Tensor) => solve(x, x), [a])).toThrow(/linalg\.solve cannot be exported to ONNX/);
    expect(() =>
      exportOnnx(
        (x: Tensor) => cholesky(x),
        [
          f64([
            [4, 2],
            [2, 5],
          ]).to('float32'),
        ],
      ),
    ).toThrow(/linalg\.cholesky cannot be exported to ONNX/);
  });
});
