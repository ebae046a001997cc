import type { Tensor } from './tensor.js';

const edge = 3;
const summarizeAbove = 1000;

/** Prints like PyTorch: `tensor([[1., 2.], [3., 4.]])`, eliding the middle of large tensors. */
export function formatTensor(t: Tensor): string {
  const summarize = t.size > summarizeAbove;
  const isFloat = t.dtype === 'float32' || t.dtype === 'float64';
  const allIntegral =
    isFloat && Array.prototype.every.call(t.data, (v: number) => !Number.isFinite(v) || Number.isInteger(v));
  const fmt = (v: number): string => {
    if (t.dtype === 'bool') return v ? 'True' : 'False';
    if (!isFloat) return String(v);
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    if (allIntegral) return `${v}.`;
    const abs = Math.abs(v);
    return abs !== 0 && (abs < 1e-4 || abs >= 1e8) ? v.toExponential(4) : v.toFixed(4);
  };
  const strides: number[] = [];
  let s = 1;
  for (let i = t.ndim - 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  const render = (depth: number, offset: number, indent: string): string => {
    if (depth === t.ndim) return fmt(t.data[offset]!);
    const n = t.shape[depth]!;
    const idx = summarize && n > 2 * edge ? [...range(0, edge), -1, ...range(n - edge, n)] : range(0, n);
    const parts = idx.map((i) => (i < 0 ? '...' : render(depth + 1, offset + i * strides[depth]!, `${indent} `)));
    const sep = depth === t.ndim - 1 ? ', ' : `,${'\n'.repeat(t.ndim - depth - 1)}${indent} `;
    return `[${parts.join(sep)}]`;
  };
  const body = render(0, 0, '       ');
  const extras: string[] = [];
  if (t.dtype !== 'float32' && t.dtype !== 'int32') extras.push(`dtype=${t.dtype}`);
  if (t.dtype === 'int32' && t.ndim === 0) extras.push('dtype=int32');
  if (t.requiresGrad) extras.push(t.gradNode ? `grad_fn=<${t.gradNode.op.name}>` : 'requires_grad=True');
  if (summarize) extras.push(`shape=[${t.shape.join(', ')}]`);
  return `tensor(${body}${extras.length ? `, ${extras.join(', ')}` : ''})`;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
