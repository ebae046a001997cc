import type { FloatDType } from '../../dtype.js';
import type { OpModel } from './op-model.js';
import { opModel } from './op-model.js';

/** The matmul attributes a session is specialised for (dims stay symbolic). */
export interface MatmulKey {
  dtype: FloatDType;
  rankA: number;
  rankB: number;
  transA: boolean;
  transB: boolean;
}

/**
 * C = op(A)·op(B): one Gemm for 2-D operands (it reads either operand transposed in
 * place), else MatMul over broadcast batch dims after a Transpose of the last two dims of a
 * flagged operand (ONNX Runtime fuses the pair into one FusedMatMul).
 */
export function matmulModel({ dtype, rankA, rankB, transA, transB }: MatmulKey): OpModel {
  return opModel(
    'matmul',
    [
      { name: 'a', dtype, rank: rankA },
      { name: 'b', dtype, rank: rankB },
    ],
    (g) => {
      const rank = Math.max(rankA, rankB);
      if (rankA === 2 && rankB === 2) {
        const [c] = g.node('Gemm', ['a', 'b'], { transA: transA ? 1 : 0, transB: transB ? 1 : 0 });
        return [{ value: c!, dtype, rank }];
      }
      const lastTwoSwapped = (r: number): number[] => [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
      const a = transA ? g.node('Transpose', ['a'], { perm: lastTwoSwapped(rankA) })[0]! : 'a';
      const b = transB ? g.node('Transpose', ['b'], { perm: lastTwoSwapped(rankB) })[0]! : 'b';
      const [c] = g.node('MatMul', [a, b]);
      return [{ value: c!, dtype, rank }];
    },
  );
}
