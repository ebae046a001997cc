import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { add, mul, sub } from '../ops/binary.js';
import { defineOp } from '../ops/define.js';
import { narrow } from '../ops/indexing/slice.js';
import { matmul, matmulT } from '../ops/matmul.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { square } from '../ops/unary.js';
import { Tensor } from '../tensor/tensor.js';
import { floatDType, identityMatrix, matrixStack, readMatrix, transposeLast } from './batch.js';
import { jacobiSvd } from './jacobi-svd.js';
import { reciprocalOrZero } from './safe-reciprocal.js';
import { decompositionOutputOp, notExportable, recordOutput } from './unsupported.js';

const reason = 'ONNX (opset 17) has no SVD operator';

interface ThinSvd {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
}

/**
 * The thin SVD of an m × n stack held in one [..., m + 1 + k, n] tensor (k = min(m, n) ≤ n):
 * rows 0…m−1 hold U in their first k columns, row m holds S, rows m+1…m+k hold Vh.
 */
function unpack(packed: Tensor, m: number, n: number): ThinSvd {
  const k = Math.min(m, n);
  return {
    U: narrow(narrow(packed, -2, 0, m), -1, 0, k),
    S: squeeze(narrow(narrow(packed, -2, m, 1), -1, 0, k), -2),
    Vh: narrow(packed, -2, m + 1, k),
  };
}

/** X − Xᵀ */
function skew(x: Tensor): Tensor {
  return sub(x, transposeLast(x));
}

/**
 * Thin SVD, packed (see unpack). Gradient (PyTorch's svd_backward, real case), with Ū, S̄,
 * V̄h the gradients of U, S, Vh, skew(X) = X − Xᵀ and E_jk = σ_k² − σ_j²:
 *   C = (skew(UᵀŪ)·diag(σ) + diag(σ)·skew(Vh·V̄hᵀ)) ∘ (1/E) + diag(S̄)
 *   dL/dA = U·C·Vh + (I − UUᵀ)·Ū·diag(1/σ)·Vh   (m > k)
 *                  + U·diag(1/σ)·V̄h·(I − VhᵀVh)   (n > k)
 * Exactly repeated or zero singular values drop their 1/E and 1/σ terms (see reciprocalOrZero).
 */
export const svdOp = defineOp({
  name: 'linalg.svd',
  forward: ([a]) => {
    const op = 'linalg.svd';
    const { batch, count, rows: m, cols: n } = matrixStack(op, a!);
    const k = Math.min(m, n);
    const size = (m + 1 + k) * n;
    const out = allocate(a!.dtype, count * size);
    for (let i = 0; i < count; i++) {
      const { u, s, vh } = jacobiSvd(readMatrix(op, a!, i, m, n), m, n, false, op);
      const base = i * size;
      for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) out[base + r * n + c] = u[r * k + c]!;
      out.set(s, base + m * n);
      out.set(vh, base + (m + 1) * n);
    }
    return new Tensor(out, [...batch, m + 1 + k, n]);
  },
  backward: ({ inputs: [a], output }, dPacked) => {
    const m = a!.shape[a!.ndim - 2]!;
    const n = a!.shape[a!.ndim - 1]!;
    const k = Math.min(m, n);
    const { U, S, Vh } = unpack(output, m, n);
    const { U: gU, S: gS, Vh: gVh } = unpack(dPacked, m, n);
    const squared = square(S);
    const inverseGaps = reciprocalOrZero(sub(unsqueeze(squared, -2), unsqueeze(squared, -1)));
    const rotations = add(
      mul(skew(matmulT(U, gU, true, false)), unsqueeze(S, -2)),
      mul(unsqueeze(S, -1), skew(matmulT(Vh, gVh, false, true))),
    );
    const core = add(
      mul(rotations, inverseGaps),
      mul(unsqueeze(gS, -1), identityMatrix(k, k, floatDType('linalg.svd', a!))),
    );
    let gA = matmul(matmul(U, core), Vh);
    const inverseS = reciprocalOrZero(S);
    if (m > k) {
      const scaled = mul(gU, unsqueeze(inverseS, -2));
      gA = add(gA, matmul(sub(scaled, matmul(U, matmulT(U, scaled, true, false))), Vh));
    }
    if (n > k) {
      const scaled = mul(unsqueeze(inverseS, -1), gVh);
      gA = add(gA, matmul(U, sub(scaled, matmul(matmulT(scaled, Vh, false, true), Vh))));
    }
    return [gA];
  },
  onnx: () => notExportable('linalg.svd', reason),
});

/** U, S, Vh of svd with fullMatrices (forward only: the extra singular vectors have no gradient rule). */
const fullOps = {
  U: decompositionOutputOp('linalg.svd with fullMatrices', reason),
  S: decompositionOutputOp('linalg.svd with fullMatrices', reason),
  Vh: decompositionOutputOp('linalg.svd with fullMatrices', reason),
};

function thinSvd(op: string, a: Tensor): ThinSvd {
  const { rows: m, cols: n } = matrixStack(op, a);
  return unpack(apply(svdOp, [a], undefined), m, n);
}

function fullSvd(a: Tensor): ThinSvd {
  const op = 'linalg.svd';
  const { batch, count, rows: m, cols: n } = matrixStack(op, a);
  const k = Math.min(m, n);
  const u = allocate(a.dtype, count * m * m);
  const s = allocate(a.dtype, count * k);
  const vh = allocate(a.dtype, count * n * n);
  for (let i = 0; i < count; i++) {
    const factors = jacobiSvd(readMatrix(op, a, i, m, n), m, n, true, op);
    u.set(factors.u, i * m * m);
    s.set(factors.s, i * k);
    vh.set(factors.vh, i * n * n);
  }
  return {
    U: recordOutput(fullOps.U, a, new Tensor(u, [...batch, m, m])),
    S: recordOutput(fullOps.S, a, new Tensor(s, [...batch, k])),
    Vh: recordOutput(fullOps.Vh, a, new Tensor(vh, [...batch, n, n])),
  };
}

/**
 * Singular value decomposition A = U·diag(S)·Vh (torch.linalg.svd) of every matrix of a
 * stack [..., m, n], by one-sided Jacobi (our own; accurate to ~1e-15·‖A‖ in float64, and
 * small singular values to high relative accuracy), k = min(m, n). Thin by default, unlike
 * PyTorch's default: U [..., m, k], S [..., k] descending, Vh [..., k, n]; differentiable.
 * `fullMatrices` gives U [..., m, m] and Vh [..., n, n], forward only. Each pair (uᵢ, vᵢ) is
 * determined up to a common sign, so only sign-invariant functions of U and Vh have
 * meaningful gradients, and those grow as 1/(σ_j² − σ_i²) near repeated singular values.
 */
export function svd(a: Tensor, options: { fullMatrices?: boolean } = {}): ThinSvd {
  return options.fullMatrices ? fullSvd(a) : thinSvd('linalg.svd', a);
}

/** The singular values σ₁ ≥ … ≥ σ_k ≥ 0 of every matrix of a stack (torch.linalg.svdvals). Gradient dσᵢ/dA = uᵢ·vᵢᵀ. */
export function svdvals(a: Tensor): Tensor {
  return thinSvd('linalg.svdvals', a).S;
}
