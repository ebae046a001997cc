import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README', () => {
  it('shows examples/perceptron.ts verbatim: the perceptron in ten lines', () => {
    const example = read('../examples/perceptron.ts');
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(10);
    expect(read('../README.md')).toContain(example.trim());
  });

  it('shows examples/backprop-by-hand.ts verbatim', () => {
    expect(read('../README.md')).toContain(read('../examples/backprop-by-hand.ts').trim());
  });

  it('the perceptron example runs as written and prints a converged perceptron within the bound', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    await import('../examples/perceptron.js');
    log.mockRestore();
    const [updates, bound] = lines[0]!
      .match(/\d+/g)!
      .map(Number)
      .filter((_, i) => i !== 1);
    expect(updates).toBeLessThanOrEqual(bound!);
    expect(lines[1]).toMatch(/^accuracy 1,/);
  });

  it('the backpropagation example prints a zero gap', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    await import('../examples/backprop-by-hand.js');
    log.mockRestore();
    expect(lines[0]).toMatch(/by autograd\| = 0\.0e\+0$/);
  });
});
