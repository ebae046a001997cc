import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/create.js';
import {
  accuracy,
  defaultProgressMode,
  formatMetrics,
  History,
  ProgressBar,
  RunningMean,
} from '../../src/train/index.js';

/** A stream that keeps what is written to it. */
function capture(isTTY = false): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => chunks.join('') };
}

describe('accuracy', () => {
  it('compares the argmax of [N, C] scores with the labels', () => {
    const scores = tensor([
      [0.1, 2, 0.3],
      [5, 1, 1],
      [0, 0, 1],
      [1, 1, 0],
    ]);
    expect(accuracy(scores, tensor([1, 0, 2, 1], { dtype: 'int32' }))).toBe(0.5 + 0.25);
    expect(accuracy(scores, tensor([1, 0, 2, 0], { dtype: 'int32' }))).toBe(1);
  });

  it('reads [N] and [N, 1] scores as binary logits', () => {
    const labels = tensor([1, 0, 0], { dtype: 'int32' });
    expect(accuracy(tensor([2, -1, 0.5]), labels)).toBeCloseTo(2 / 3);
    expect(accuracy(tensor([[2], [-1], [-0.5]]), tensor([1, 0, 0]))).toBe(1);
  });

  it('refuses mismatched shapes', () => {
    expect(() => accuracy(tensor([[1, 2]]), tensor([0, 1], { dtype: 'int32' }))).toThrow(
      /accuracy: expected scores \[N, C\] or \[N\] and labels \[N\], got \[1,2\] and \[2\]/,
    );
  });
});

describe('RunningMean', () => {
  it('weights each value by its count: Σ wᵢ vᵢ / Σ wᵢ', () => {
    const mean = new RunningMean();
    expect(Number.isNaN(mean.value)).toBe(true);
    mean.update(1, 3).update(tensor(5), 1);
    expect(mean.value).toBe(2);
    expect(mean.count).toBe(4);
    mean.reset();
    expect(mean.count).toBe(0);
    expect(() => mean.update(1, -1)).toThrow(RangeError);
  });
});

describe('History', () => {
  it('records per-epoch metrics and gives series, last and best values', () => {
    const history = new History();
    history.record({ loss: 1.5, accuracy: 0.6 }).record({ loss: 0.7 }).record({ loss: 0.9, accuracy: 0.8 });
    expect(history.epochs).toBe(3);
    expect(history.names).toEqual(['loss', 'accuracy']);
    expect(history.series('loss')).toEqual([1.5, 0.7, 0.9]);
    expect(history.series('accuracy')).toEqual([0.6, Number.NaN, 0.8]);
    expect(history.last('accuracy')).toBe(0.8);
    expect(history.best('loss', 'min')).toEqual({ epoch: 2, value: 0.7 });
    expect(history.best('accuracy', 'max')).toEqual({ epoch: 3, value: 0.8 });
    expect(history.best('missing', 'max')).toBeUndefined();
  });

  it('round-trips through JSON with null for missing values', () => {
    const history = new History().record({ loss: 1 }).record({ loss: 0.5, accuracy: 0.9 });
    const json = JSON.parse(JSON.stringify(history));
    expect(json).toEqual({ epochs: 2, metrics: { loss: [1, 0.5], accuracy: [null, 0.9] } });
    expect(History.fromJSON(json).toJSON()).toEqual(json);
  });
});

describe('ProgressBar', () => {
  it('is quiet without a TTY or in CI: nothing while running, one line at the end', () => {
    expect(defaultProgressMode({ isTTY: false }, {})).toBe('line');
    expect(defaultProgressMode({ isTTY: true }, { CI: 'true' })).toBe('line');
    expect(defaultProgressMode({ isTTY: true }, {})).toBe('bar');
    const { stream, text } = capture(false);
    const bar = new ProgressBar({ total: 3, label: 'epoch 1/2', stream });
    expect(bar.mode).toBe('line');
    bar.tick({ loss: 0.5 });
    bar.tick({ loss: 0.25, accuracy: 0.91234 });
    expect(text()).toBe('');
    const summary = bar.stop();
    expect(summary).toMatch(/^epoch 1\/2 2\/3 loss=0\.25 accuracy=0\.9123 \(\d+\.\ds\)$/);
    expect(text()).toBe(`${summary}\n`);
    bar.stop();
    expect(text()).toBe(`${summary}\n`);
  });

  it('prints nothing at all when silent', () => {
    const { stream, text } = capture(false);
    const bar = new ProgressBar({ total: 2, stream, mode: 'silent' });
    bar.update(2, { loss: 1 });
    bar.stop();
    expect(text()).toBe('');
  });

  it('draws a live bar with the metrics on a terminal', () => {
    const { stream, text } = capture(true);
    const bar = new ProgressBar({ total: 4, label: 'train', stream, mode: 'bar' });
    bar.tick({ loss: 0.125 }, 2);
    bar.stop();
    expect(text()).toContain('train');
    expect(text()).toContain('2/4 loss=0.125');
  });

  it('formats metrics with four significant digits', () => {
    expect(formatMetrics({ a: 0.123456, b: 123456, c: 1e-5, d: 0, e: 12345.6 })).toBe(
      'a=0.1235 b=1.235e+5 c=1.000e-5 d=0 e=12350',
    );
  });
});
