/** Viridis at nine evenly spaced stops: perceptually uniform, readable in gray and by colour-blind readers. */
const viridis: [number, number, number][] = [
  [0x44, 0x01, 0x54],
  [0x47, 0x2c, 0x7a],
  [0x3b, 0x51, 0x8b],
  [0x2c, 0x71, 0x8e],
  [0x21, 0x90, 0x8d],
  [0x27, 0xad, 0x81],
  [0x5c, 0xc8, 0x63],
  [0xaa, 0xdc, 0x32],
  [0xfd, 0xe7, 0x25],
];

/** The viridis colour at t ∈ [0, 1] (clamped), linearly interpolated between stops, as [r, g, b]. */
export function viridisRgb(t: number): [number, number, number] {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (viridis.length - 1);
  const i = Math.min(viridis.length - 2, Math.floor(position));
  const f = position - i;
  const a = viridis[i] as [number, number, number];
  const b = viridis[i + 1] as [number, number, number];
  return [0, 1, 2].map((c) => Math.round((a[c] as number) + f * ((b[c] as number) - (a[c] as number)))) as [
    number,
    number,
    number,
  ];
}

/** The viridis colour at t as `#rrggbb`. */
export function viridisHex(t: number): string {
  return `#${viridisRgb(t)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}
