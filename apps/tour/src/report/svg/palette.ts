/**
 * Okabe–Ito colours, distinguishable with the common forms of colour blindness; the
 * pale yellow is left out because it vanishes on white.
 */
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

const dashes = [undefined, '6 3', '2 3', '8 3 2 3'] as const;

/** The stroke colour and dash pattern of the i-th series: colours first, then dash patterns once colours run out. */
export function seriesStyle(index: number): { color: string; dash: string | undefined } {
  const color = palette[index % palette.length] ?? '#000000';
  const dash = dashes[Math.floor(index / palette.length) % dashes.length];
  return { color, dash };
}
