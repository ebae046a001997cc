/** `name=value` pairs with four significant digits, e.g. `loss=0.1234 accuracy=0.9812`. */
export function formatMetrics(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([name, value]) => `${name}=${formatNumber(value)}`)
    .join(' ');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3 ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}

/** Seconds as `12.3s` or `4m05s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds - 60 * minutes)).padStart(2, '0')}s`;
}
