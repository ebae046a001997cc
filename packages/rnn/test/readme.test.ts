import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README', () => {
  it('shows examples/train-lstm.ts verbatim: an LSTM trained in fifteen lines', () => {
    const example = read('../examples/train-lstm.ts').trim();
    const body = example.split('\n').filter((line) => line !== '' && !line.startsWith('import'));
    expect(body).toHaveLength(15);
    expect(read('../README.md')).toContain(example);
  });

  it('the example runs as written and the LSTM learns the adding problem (T = 20)', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    await import('../examples/train-lstm.js');
    log.mockRestore();
    expect(lines).toEqual(['test MSE 0.0017']);
  }, 240_000);
});
