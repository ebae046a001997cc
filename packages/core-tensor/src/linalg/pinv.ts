import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { defineOp } from '../ops/define.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack } from './batch.js';
import { forEachSvd } from './svd.js';
import { notDifferentiableYet, notExportable } from './unsupported.js';

interface PinvAttrs {
  /** Singular values ≤ max(atol, rtol·σ₁) count as zero. */
  atol: number;
  rtol: number;
}

/** A⁺ = Σ_{σᵢ > cutoff} vᵢ·uᵢᵀ/σᵢ from the SVD A = U·diag(σ)·Vh. Forward only. */
export const pinvOp = defineOp<PinvAttrs>({
  name: 'linalg.pinv',
  forward: ([a], { atol, rtol }) => {
    const { batch, count, rows: m, cols: n } = matrixStack('linalg.pinv', a!);
    const out = allocate(a!.dtype, count * n * m);
    forEachSvd('linalg.pinv', a!, false, ({ u, s, vh }, index) => {
      const k = s.length;
      const cutoff = Math.max(atol, rtol * (s[0] ?? 0));
      const base = index * n * m;
      for (let i = 0; i < k; i++) {
        const sigma = s[i]!;
        if (!(sigma > cutoff)) continue;
        for (let r = 0; r < n; r++) {
          const v = vh[i * n + r]! / sigma;
          for (let c = 0; c < m; c++) out[base + r * m + c]! += v * u[c * k + i]!;
        }
      }
    });
    return new Tensor(out, [...batch, n, m]);
  },
  backward: () => notDifferentiableYet('linalg.pinv'),
  onnx: () => notExportable('linalg.pinv', 'ONNX (opset 17) has no SVD or pseudo-inverse operator'),
});

/**
 * The Moore–Penrose pseudo-inverse A⁺ [..., n, m] of every matrix of a stack [..., m, n]
 * (torch.linalg.pinv), through the SVD: singular values σᵢ ≤ max(atol, rtol·σ₁) are
 * dropped. rtol defaults to max(m, n)·ε of the dtype, or to 0 when atol > 0 is given, as in
 * PyTorch. x = A⁺b is the minimum-norm least-squares solution of A·x ≈ b. Forward only.
 */
export function pinv(a: Tensor, options: { atol?: number; rtol?: number } = {}): Tensor {
  const { rows: m, cols: n } = matrixStack('linalg.pinv', a);
  const eps = a.dtype === 'float64' ? Number.EPSILON : 2 ** -23;
  const atol = options.atol ?? 0;
  const rtol = options.rtol ?? (atol > 0 ? 0 : Math.max(m, n) * eps);
  return apply(pinvOp, [a], { atol, rtol });
}
