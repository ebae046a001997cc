import type { Storage } from '../../dtype.js';

/** Below this length a plain loop beats subarray + set (which allocate a view per call). */
const SHORT_RUN = 16;

/** dst[to … to+length) = src[from … from+length), for typed arrays of the same kind. */
export function copyRun(src: Storage, from: number, dst: Storage, to: number, length: number): void {
  if (length < SHORT_RUN) {
    for (let i = 0; i < length; i++) dst[to + i] = src[from + i]!;
  } else {
    (dst as Float64Array).set((src as Float64Array).subarray(from, from + length), to);
  }
}
