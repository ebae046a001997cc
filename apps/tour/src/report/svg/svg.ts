import { escapeHtml } from '../escape.js';

/** An attribute value: numbers must be finite (a guard against NaN reaching the SVG), strings are escaped. */
export type AttrValue = string | number | undefined;

/** Formats a coordinate with at most two decimals; throws on a non-finite number instead of writing `NaN`. */
export function coord(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`svg: expected a finite coordinate, got ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Renders `name="value"` pairs, skipping undefined values. */
export function attrs(values: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? coord(value) : escapeHtml(value)}"`;
  }
  return out;
}

/** Renders one SVG element; `children` is already-rendered markup (escape text with {@link text}). */
export function el(tag: string, values: Record<string, AttrValue>, children?: string): string {
  return children === undefined ? `<${tag}${attrs(values)}/>` : `<${tag}${attrs(values)}>${children}</${tag}>`;
}

/** Renders a `<text>` element with escaped content. */
export function text(content: string, values: Record<string, AttrValue>): string {
  return el('text', values, escapeHtml(content));
}

/** Rough width in pixels of a label in the report's sans-serif font (used only for layout). */
export function textWidth(content: string, fontSize = 12): number {
  return content.length * fontSize * 0.58;
}
