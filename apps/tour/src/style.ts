/** ANSI styling for terminal output, a no-op when colour is off. */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Colours for a TTY (unless NO_COLOR is set), plain text otherwise. */
export function paint(enabled: boolean): Paint {
  if (!enabled) return { green: (t) => t, red: (t) => t, dim: (t) => t, bold: (t) => t };
  return { green: wrap(32, 39), red: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
