import { ShapeError, type Tensor } from '@shinkei/core-tensor';
import { float64Tensor } from '../tensors.js';

/** The largest number of binary units whose 2ⁿ states this package enumerates exactly. */
export const MAX_ENUMERATED_UNITS = 20;

/** Throw unless 2ⁿ states are few enough to enumerate. */
export function checkEnumerable(op: string, units: number): void {
  if (units > MAX_ENUMERATED_UNITS) {
    throw new RangeError(
      `${op}: exact enumeration of 2^${units} states; at most ${MAX_ENUMERATED_UNITS} units allowed`,
    );
  }
}

/**
 * All 2ⁿ binary states as rows of a float64 [2ⁿ, n] tensor; row s holds the bits of s with
 * unit i = bit i (so x₀ is the least significant bit). Every distribution over states in
 * this package uses this index.
 */
export function allBinaryStates(units: number): Tensor {
  checkEnumerable('allBinaryStates', units);
  const count = 2 ** units;
  const data = new Float64Array(count * units);
  for (let s = 0; s < count; s++) for (let i = 0; i < units; i++) data[s * units + i] = (s >>> i) & 1;
  return float64Tensor(data, [count, units]);
}

/** Index s = Σᵢ xᵢ2ⁱ of a binary state stored at `offset` of `data`. */
export function stateIndex(data: ArrayLike<number>, offset: number, units: number): number {
  let s = 0;
  for (let i = 0; i < units; i++) if (data[offset + i]! > 0.5) s |= 1 << i;
  return s;
}

/** Empirical distribution of binary samples [M, n] over the 2ⁿ states (indexed as in `allBinaryStates`). */
export function empiricalDistribution(samples: Tensor): Tensor {
  if (samples.ndim !== 2)
    throw new ShapeError(`empiricalDistribution: expected samples [M, n], got [${samples.shape.join(',')}]`);
  const [m, n] = samples.shape as [number, number];
  checkEnumerable('empiricalDistribution', n);
  const counts = new Float64Array(2 ** n);
  for (let r = 0; r < m; r++) counts[stateIndex(samples.data, r * n, n)]! += 1 / m;
  return float64Tensor(counts, [counts.length]);
}
