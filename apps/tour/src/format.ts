/** Formats a measured number for people: integers as they are, others with 4 significant digits, non-finite by name. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return trimExponent(value.toExponential(3));
  return String(Number(value.toPrecision(4)));
}

/** Formats a duration in milliseconds as `850 ms`, `12.3 s` or `3 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds); // round first, so 179.6 s is 3 min 00 s, not 2 min 60 s
  const minutes = Math.floor(whole / 60);
  const rest = whole - minutes * 60;
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** Drops trailing zeros of a mantissa in exponential notation: `1.500e-4` → `1.5e-4`. */
export function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}
