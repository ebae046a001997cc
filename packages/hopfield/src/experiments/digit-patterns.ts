import { Tensor } from '@shinkei/core-tensor';
import { loadDigits } from '@shinkei/core-tensor/data';

/**
 * Ten binary prototypes of the 8×8 digits: the mean image of each class, thresholded at
 * `threshold`, as ±1 spins — strongly correlated patterns (every digit shares the ink of the
 * centre), the hard case for the Hebb rule. float64 [10, 64].
 */
export function digitPrototypes(threshold = 0.4): Tensor {
  const { x, y } = loadDigits({ flatten: true });
  const sums = new Float64Array(10 * 64);
  const counts = new Float64Array(10);
  for (let r = 0; r < y.size; r++) {
    const label = y.data[r]!;
    counts[label]!++;
    for (let p = 0; p < 64; p++) sums[label * 64 + p]! += x.data[r * 64 + p]!;
  }
  return new Tensor(
    sums.map((sum, k) => (sum / counts[Math.floor(k / 64)]! > threshold ? 1 : -1)),
    [10, 64],
  );
}
