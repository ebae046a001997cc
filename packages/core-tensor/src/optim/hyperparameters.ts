/** Throw a RangeError unless lo ≤ value (< hi when given): `sgd: momentum must be ≥ 0, got -1`. */
export function expectInRange(optimizer: string, name: string, value: number, lo: number, hi?: number): void {
  const ok = value >= lo && (hi === undefined || value < hi);
  if (!ok)
    throw new RangeError(
      `${optimizer}: ${name} must be ${hi === undefined ? `≥ ${lo}` : `in [${lo}, ${hi})`}, got ${value}`,
    );
}
