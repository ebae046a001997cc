import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../examples/store-and-recall.ts', import.meta.url), 'utf8');

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows examples/store-and-recall.ts verbatim, in at most ten lines of code', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(example);
    const codeLines = example.split('\n').filter((line) => line.trim() !== '');
    expect(codeLines.length).toBeLessThanOrEqual(10);
  });

  it('the example recalls the stored pattern exactly', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../examples/store-and-recall.js');
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toMatch(/^overlap 0\.6 → 1 in \d+ sweeps/);
  });
});
