import { nodeBuiltin } from '../platform/node-builtin.js';
import { Generator } from '../random/generator.js';
import { Tensor } from '../tensor/tensor.js';
import { DatasetError } from './errors.js';
import type { ImageSet, ImageSetOptions } from './image-set.js';
import { LOADER_BROWSER_HINT } from './image-set.js';
import { verifySha256 } from './sources/sha256.js';

/**
 * scikit-learn's digits.csv.gz (UCI Optical Recognition of Handwritten Digits), shipped in
 * fixtures/: its path from this module, resolved against import.meta.url when read (held in a
 * constant, so that browser bundlers do not take `new URL('…', import.meta.url)` for an asset
 * to copy).
 */
const DIGITS_FILE = {
  path: '../../fixtures/digits.csv.gz',
  sha256: '46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a',
};
const FEATURE = 'loadDigits';
const DIGITS_COUNT = 1797;
const DIGITS_PIXELS = 64;

export interface DigitsOptions extends ImageSetOptions {
  /** 'train', 'test' or 'all' (default 'all'). */
  split?: 'train' | 'test' | 'all';
  /** Share of each class held out for the test split (default 0.2). */
  testFraction?: number;
  /** Seed of the split's shuffle (default 0). */
  seed?: number;
}

/**
 * The 8×8 handwritten digits (1 797 images, 16 grey levels, labels 0–9), pixels p ↦ p/16.
 * x: float32 [n, 1, 8, 8] ([n, 64] with flatten), y: int32 [n]. The split is stratified and
 * seeded: each class's samples are shuffled with Generator(seed) and the first
 * round(testFraction · count) go to 'test'; both splits keep the file's order.
 */
export function loadDigits(options: DigitsOptions = {}): ImageSet {
  const { split = 'all', testFraction = 0.2, seed = 0 } = options;
  if (split !== 'train' && split !== 'test' && split !== 'all')
    throw new RangeError(`loadDigits: split must be 'train', 'test' or 'all', got '${split}'`);
  if (!(testFraction >= 0 && testFraction <= 1))
    throw new RangeError(`loadDigits: testFraction must be in [0, 1], got ${testFraction}`);
  const { pixels, labels } = readDigits();
  const chosen = split === 'all' ? Array.from(labels.keys()) : stratifiedSplit(labels, testFraction, seed)[split];
  const limit = options.limit ?? chosen.length;
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new RangeError(`loadDigits: limit must be a non-negative integer, got ${limit}`);
  const rows = chosen.slice(0, limit);
  const x = new Float32Array(rows.length * DIGITS_PIXELS);
  const y = new Int32Array(rows.length);
  for (const [k, row] of rows.entries()) {
    for (let p = 0; p < DIGITS_PIXELS; p++) x[k * DIGITS_PIXELS + p] = pixels[row * DIGITS_PIXELS + p]! / 16;
    y[k] = labels[row]!;
  }
  return {
    x: new Tensor(x, options.flatten ? [rows.length, DIGITS_PIXELS] : [rows.length, 1, 8, 8]),
    y: new Tensor(y, [rows.length]),
  };
}

/** Per class c: shuffle its row numbers with Generator(seed), send round(f·count_c) to test; sort both. */
function stratifiedSplit(labels: Int32Array, testFraction: number, seed: number): { train: number[]; test: number[] } {
  const generator = new Generator(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < 10; c++) {
    const rows = Array.from(labels.keys()).filter((i) => labels[i] === c);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = generator.randint(0, i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const held = Math.round(testFraction * rows.length);
    test.push(...rows.slice(0, held));
    train.push(...rows.slice(held));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Parse the fixture: 1 797 lines of 64 pixels in 0 … 16 and a label in 0 … 9. */
function readDigits(): { pixels: Uint8Array; labels: Int32Array } {
  const { readFileSync } = nodeBuiltin('fs', FEATURE, LOADER_BROWSER_HINT);
  const { fileURLToPath } = nodeBuiltin('url', FEATURE);
  const { gunzipSync } = nodeBuiltin('zlib', FEATURE);
  const path = fileURLToPath(new URL(DIGITS_FILE.path, import.meta.url));
  const gz = readFileSync(path);
  verifySha256(gz, DIGITS_FILE.sha256, `loadDigits: ${path}`);
  const lines = gunzipSync(gz).toString('ascii').trimEnd().split('\n');
  if (lines.length !== DIGITS_COUNT)
    throw new DatasetError(`loadDigits: ${path} has ${lines.length} rows, expected ${DIGITS_COUNT}`);
  const pixels = new Uint8Array(DIGITS_COUNT * DIGITS_PIXELS);
  const labels = new Int32Array(DIGITS_COUNT);
  for (const [row, line] of lines.entries()) {
    const fields = line.split(',');
    if (fields.length !== DIGITS_PIXELS + 1)
      throw new DatasetError(`loadDigits: row ${row} has ${fields.length} fields, expected ${DIGITS_PIXELS + 1}`);
    for (const [k, field] of fields.entries()) {
      const value = Number(field);
      const max = k === DIGITS_PIXELS ? 9 : 16;
      if (!/^\d{1,2}$/.test(field) || value > max)
        throw new DatasetError(`loadDigits: row ${row} field ${k} is '${field}', expected an integer in 0 … ${max}`);
      if (k === DIGITS_PIXELS) labels[row] = value;
      else pixels[row * DIGITS_PIXELS + k] = value;
    }
  }
  return { pixels, labels };
}
