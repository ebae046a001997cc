import { Generator, manualSeed } from '@shinkei/core-tensor';
import type { ExperimentOptions, Size } from './types.js';

/** The resolved options of a run: size, seed, a seeded generator and a progress callback. */
export interface RunContext {
  size: Size;
  seed: number;
  generator: Generator;
  progress(fraction: number, label?: string): void;
}

/** Resolve the options (size 'default', seed 42) and seed the global generator too. */
export function runContext(options: ExperimentOptions = {}): RunContext {
  const size = options.size ?? 'default';
  if (size !== 'quick' && size !== 'default' && size !== 'full')
    throw new RangeError(`experiment: size must be 'quick', 'default' or 'full', got '${size as string}'`);
  const seed = options.seed ?? 42;
  manualSeed(seed);
  return { size, seed, generator: new Generator(seed), progress: options.progress ?? (() => {}) };
}

/** Pick the setting of this size. */
export function bySize<T>(size: Size, choices: Record<Size, T>): T {
  return choices[size];
}

/** A number for a verdict: 3 significant digits, or exponential when tiny or huge. */
export function fmt(value: number, digits = 3): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude < 1e-3 || magnitude >= 1e5 ? value.toExponential(digits - 1) : value.toPrecision(digits);
}

/** A share as a percentage with one decimal. */
export function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

/** 1, 2, …, n (x values of a curve indexed by epoch or step). */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
