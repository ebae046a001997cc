import type { Figure } from '../experiment.js';
import { escapeHtml } from './escape.js';
import { pngDataUri } from './png/encode.js';
import { normaliseToGray, upscaleNearest } from './png/raster.js';
import { attrs } from './svg/svg.js';

type ImagesFigure = Extract<Figure, { kind: 'images' }>;
type Image = ImagesFigure['images'][number];

/** Images with at most this many pixels are drawn as SVG rects instead of a PNG. */
const rectLimit = 25;
/** Upscale so that an image is about this many pixels across on screen. */
const targetSize = 96;

function tinySvg(gray: Uint8Array, image: Image, scale: number): string {
  let rects = '';
  for (let i = 0; i < gray.length; i++) {
    const g = gray[i] as number;
    rects += `<rect${attrs({ x: (i % image.width) * scale, y: Math.floor(i / image.width) * scale, width: scale, height: scale, fill: `rgb(${g},${g},${g})` })}/>`;
  }
  const width = image.width * scale;
  const height = image.height * scale;
  return `<svg${attrs({ xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': image.label ?? 'image' })}>${rects}</svg>`;
}

function tile(image: Image, index: number, notes: { constant: number; nonFinite: number }): string {
  const { width, height } = image;
  const label = typeof image.label === 'string' ? image.label : '';
  const caption = label ? `<figcaption>${escapeHtml(label)}</figcaption>` : '';
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    return `<figure class="tile broken"><p>image ${index + 1}: expected positive integer width and height, got ${escapeHtml(`${width}×${height}`)}</p>${caption}</figure>`;
  }
  const pixels = Array.isArray(image.pixels) ? image.pixels : [];
  if (pixels.length !== width * height) {
    return `<figure class="tile broken"><p>image ${index + 1}: expected ${width * height} pixels, got ${pixels.length}</p>${caption}</figure>`;
  }
  const gray = normaliseToGray(pixels);
  if (gray.constant) notes.constant += 1;
  notes.nonFinite += gray.nonFinite;
  const factor = Math.max(1, Math.min(32, Math.round(targetSize / Math.max(width, height))));
  if (width * height <= rectLimit)
    return `<figure class="tile">${tinySvg(gray.data, image, factor)}${caption}</figure>`;
  const src = pngDataUri(upscaleNearest({ width, height, channels: 1, data: gray.data }, factor));
  const img = `<img${attrs({ src, width: width * factor, height: height * factor, alt: label || `image ${index + 1}` })}>`;
  return `<figure class="tile">${img}${caption}</figure>`;
}

/** Renders a grid of grayscale images, each normalised on its own, as upscaled PNG data URIs. */
export function imagesGrid(figure: ImagesFigure): { html: string; notes: string[] } {
  const images = Array.isArray(figure.images) ? figure.images : [];
  const counts = { constant: 0, nonFinite: 0 };
  const tiles = images.map((image, i) => tile(image, i, counts)).join('');
  const notes: string[] = [];
  if (images.length === 0) notes.push('No images.');
  if (counts.constant > 0)
    notes.push(`${counts.constant} constant image${counts.constant === 1 ? '' : 's'} shown mid-gray.`);
  if (counts.nonFinite > 0)
    notes.push(`${counts.nonFinite} non-finite pixel${counts.nonFinite === 1 ? '' : 's'} shown black.`);
  const columns = figure.columns;
  const style =
    typeof columns === 'number' && Number.isInteger(columns) && columns > 0
      ? ` style="grid-template-columns: repeat(${columns}, max-content)"`
      : '';
  return { html: `<div class="image-grid${style ? ' fixed' : ''}"${style}>${tiles}</div>`, notes };
}
