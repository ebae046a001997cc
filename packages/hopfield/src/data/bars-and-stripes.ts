import type { Tensor } from '@shinkei/core-tensor';
import { float64Tensor } from '../tensors.js';

/**
 * The bars-and-stripes set (MacKay): every side×side binary image whose rows are each all on
 * or all off (stripes), or whose columns are (bars). The all-off and all-on images are both,
 * so there are 2·2^side − 2 distinct images (14 for 3×3), returned as float64 [count, side²]
 * in a fixed order. A model that puts equal mass on each has mean log-likelihood −ln(count).
 */
export function barsAndStripes(side = 3): Tensor {
  const seen = new Set<string>();
  const rows: number[][] = [];
  for (let mask = 0; mask < 2 ** side; mask++) {
    for (const orientation of ['stripes', 'bars'] as const) {
      const image: number[] = [];
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) image.push((mask >>> (orientation === 'stripes' ? r : c)) & 1);
      }
      const key = image.join('');
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(image);
    }
  }
  return float64Tensor(Float64Array.from(rows.flat()), [rows.length, side * side]);
}
