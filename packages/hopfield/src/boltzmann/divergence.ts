import { readVector, type VectorLike } from '../tensors.js';

/** Kullback–Leibler divergence KL(p‖q) = Σₛ p(s) log(p(s)/q(s)), with 0 log 0 = 0 (in nats). */
export function klDivergence(p: VectorLike, q: VectorLike): number {
  const a = readVector('klDivergence', p);
  const b = readVector('klDivergence', q, a.length);
  let kl = 0;
  for (let s = 0; s < a.length; s++) if (a[s]! > 0) kl += a[s]! * Math.log(a[s]! / b[s]!);
  return kl;
}

/** Total variation distance TV(p, q) = ½ Σₛ |p(s) − q(s)|, in [0, 1]. */
export function totalVariation(p: VectorLike, q: VectorLike): number {
  const a = readVector('totalVariation', p);
  const b = readVector('totalVariation', q, a.length);
  let sum = 0;
  for (let s = 0; s < a.length; s++) sum += Math.abs(a[s]! - b[s]!);
  return sum / 2;
}
