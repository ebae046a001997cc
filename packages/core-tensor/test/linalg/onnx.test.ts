import { describe, expect, it } from 'vitest';
import type { OpDef } from '../../src/index.js';
import {
  choleskyOp,
  detOp,
  detSignOp,
  eigenvaluesOp,
  invOp,
  logAbsDetOp,
  pinvOp,
  qrQOp,
  solveOp,
  solveTriangularOp,
  svdSOp,
} from '../../src/linalg/index.js';
import type { OnnxGraphBuilder, OnnxOpInfo } from '../../src/onnx/lowering.js';

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
      [qrQOp, 'linalg.qr'],
      [eigenvaluesOp, 'linalg.eigh'],
      [svdSOp, 'linalg.svd'],
      [pinvOp, 'linalg.pinv'],
    ];
    for (const [op, name] of unsupported) {
      expect(() => lower(op)).toThrow(
        new RegExp(`^${name.replace('.', '\\.')} cannot be exported to ONNX: ONNX \\(opset 17\\) has no`),
      );
    }
  });
});
