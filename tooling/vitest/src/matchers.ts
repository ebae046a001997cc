/**
 * `toBeAllClose(expected, {rtol, atol})`: element-wise |a − e| ≤ atol + rtol·|e|, like
 * `torch.allclose`. Accepts tensors (anything with `data` and `shape`), nested arrays,
 * typed arrays and numbers. On failure it prints the worst offending elements.
 */
export interface AllCloseOptions {
  rtol?: number;
  atol?: number;
  /** Treat NaN == NaN as equal (default false, like torch.allclose). */
  equalNan?: boolean;
}

interface Flat {
  values: ArrayLike<number>;
  shape: readonly number[] | undefined;
}

function isTensorLike(x: unknown): x is { data: ArrayLike<number>; shape: readonly number[] } {
  return typeof x === 'object' && x !== null && 'data' in x && 'shape' in x;
}

function flatten(x: unknown): Flat {
  if (typeof x === 'number' || typeof x === 'boolean') return { values: [Number(x)], shape: [] };
  if (isTensorLike(x)) return { values: Array.from(x.data, Number), shape: x.shape };
  if (ArrayBuffer.isView(x)) return { values: Array.from(x as unknown as ArrayLike<number>, Number), shape: undefined };
  if (Array.isArray(x)) {
    const out: number[] = [];
    const shape: number[] = [];
    const walk = (v: unknown, depth: number): void => {
      if (Array.isArray(v)) {
        if (shape.length <= depth) shape.push(v.length);
        for (const item of v) walk(item, depth + 1);
      } else out.push(Number(v));
    };
    walk(x, 0);
    return { values: out, shape };
  }
  throw new TypeError(`toBeAllClose: cannot compare a value of type ${typeof x}`);
}

function formatShape(shape: readonly number[] | undefined): string {
  return shape === undefined ? '(flat)' : `[${shape.join(',')}]`;
}

export const allCloseMatchers = {
  toBeAllClose(received: unknown, expected: unknown, options: AllCloseOptions = {}) {
    const rtol = options.rtol ?? 1e-5;
    const atol = options.atol ?? 1e-8;
    const a = flatten(received);
    const e = flatten(expected);
    if (a.values.length !== e.values.length) {
      return {
        pass: false,
        message: () =>
          `expected ${a.values.length} elements ${formatShape(a.shape)} to be close to ${e.values.length} elements ${formatShape(e.shape)}`,
      };
    }
    const bad: { index: number; got: number; want: number; excess: number }[] = [];
    for (let i = 0; i < a.values.length; i++) {
      const got = a.values[i] as number;
      const want = e.values[i] as number;
      if (Number.isNaN(got) || Number.isNaN(want)) {
        if (!(options.equalNan && Number.isNaN(got) && Number.isNaN(want)))
          bad.push({ index: i, got, want, excess: Number.POSITIVE_INFINITY });
        continue;
      }
      if (got === want) continue;
      const diff = Math.abs(got - want);
      const tol = atol + rtol * Math.abs(want);
      if (!(diff <= tol)) bad.push({ index: i, got, want, excess: diff - tol });
    }
    const pass = bad.length === 0;
    return {
      pass,
      message: () => {
        if (pass) return `expected values not to be all close (rtol ${rtol}, atol ${atol})`;
        bad.sort((x, y) => y.excess - x.excess);
        const rows = bad
          .slice(0, 8)
          .map(
            (b) =>
              `  [${b.index}] got ${b.got}, expected ${b.want} (|diff| ${Math.abs(b.got - b.want).toExponential(3)})`,
          )
          .join('\n');
        return `expected ${formatShape(a.shape)} to be all close to ${formatShape(e.shape)} (rtol ${rtol}, atol ${atol}): ${bad.length} of ${a.values.length} elements differ; worst:\n${rows}`;
      },
    };
  },
};
