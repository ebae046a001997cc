import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('README', () => {
  it('shows examples/regression.ts verbatim, and it runs as written', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/regression.ts`, 'utf8');
    expect(readme).toContain(example.trim());
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', `${root}examples/regression.ts`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    const [, w, b] = /w = ([\d.-]+), b = ([\d.-]+)/.exec(out) ?? [];
    expect(Number(w)).toBeCloseTo(3, 1);
    expect(Number(b)).toBeCloseTo(2, 1);
  });

  it('shows examples/ort-digits.ts verbatim: ONNX Runtime predicts what the eager model predicts', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/ort-digits.ts`, 'utf8');
    expect(readme).toContain(example.trim());
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', `${root}examples/ort-digits.ts`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    const [, same, total, accuracy] = /(\d+)\/(\d+) predictions equal eager, test accuracy ([\d.]+)%/.exec(out) ?? [];
    expect(Number(same)).toBe(Number(total));
    expect(Number(total)).toBe(359);
    expect(Number(accuracy)).toBeGreaterThan(93);
  });
  it('shows examples/custom-swish.ts verbatim: a user op passes gradcheck, trains, and runs in ONNX Runtime', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/custom-swish.ts`, 'utf8');
    expect(readme).toContain(example.trim());
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', `${root}examples/custom-swish.ts`],
      { cwd: root, encoding: 'utf8' },
    );
    const [, accuracy, gap] =
      /gradcheck ok, moons accuracy ([\d.]+)%, ONNX Runtime vs eager: max \|Δ\| ([\d.e+-]+)/.exec(out) ?? [];
    expect(Number(accuracy)).toBeGreaterThan(97);
    expect(Number(gap)).toBeLessThan(1e-4);
  });

  it('shows examples/static-graph-training.ts verbatim: a compiled value-and-grad trains the digits MLP', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/static-graph-training.ts`, 'utf8');
    expect(readme).toContain(example.trim());
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', `${root}examples/static-graph-training.ts`],
      { cwd: root, encoding: 'utf8' },
    );
    const [, graphs, accuracy] = /(\d+) static graphs \(full and last batch\), test accuracy ([\d.]+)%/.exec(out) ?? [];
    expect(Number(graphs)).toBe(2);
    expect(Number(accuracy)).toBeGreaterThan(94);
  });
});
