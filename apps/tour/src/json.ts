/**
 * JSON with every number kept: non-finite numbers, which JSON.stringify would turn into
 * null, are written as the strings "NaN", "Infinity" and "-Infinity" (and bigints as strings).
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => ((typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'bigint' ? String(v) : v),
    indent,
  );
}
