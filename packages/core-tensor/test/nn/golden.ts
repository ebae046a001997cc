/** Loads fixtures/nn/nn.json (written by fixtures/nn/generate.py from PyTorch). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GoldenCase } from '../functional/golden.js';

/** A file of fixtures/nn by name. */
export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/nn/${name}`, import.meta.url));

export const nnCases: Record<string, GoldenCase> = (
  JSON.parse(readFileSync(fixturePath('nn.json'), 'utf8')) as { cases: Record<string, GoldenCase> }
).cases;
