import { describe, expect, it } from 'vitest';
import type { BenchCase } from '../src/cases/registry.js';
import { gptTrainCase } from '../src/cases/registry.js';
import { formatNumber, formatRatio } from '../src/report/format.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { markdownTable } from '../src/report/table.js';
import type { SystemRun } from '../src/results.js';
import type { BenchReport } from '../src/run/bench.js';

const gemm: BenchCase<'gemm'> = {
  id: 'gemm',
  title: 'float32 GEMM',
  what: 'C = A·B.',
  metric: 'GFLOP/s',
  variants: [
    {
      id: '64',
      label: '64',
      params: { m: 64, k: 64, n: 64 },
      flops: 2 * 64 ** 3,
      full: { warmup: 2, reps: 3, inner: 128 },
    },
  ],
};

const mlp: BenchCase<'mlp-train'> = {
  id: 'mlp-train',
  title: 'MLP training step',
  what: 'One step.',
  metric: 'ms',
  variants: [
    {
      id: 'sgd',
      label: 'SGD',
      params: { optimizer: 'sgd', lr: 0.01, batch: 128 },
      full: { warmup: 3, reps: 3, inner: 1 },
    },
  ],
};

function timed(
  caseId: 'gemm' | 'mlp-train',
  variantId: string,
  samples: number[],
  iterations = { warmup: 1, reps: 3, inner: 1 },
) {
  return { caseId, variantId, samples, iterations, coldOnly: false };
}

function run(system: string, rest: Partial<SystemRun>): SystemRun {
  return {
    system,
    version: `${system} 1.0`,
    threads: '1',
    peakRssKiB: 204800,
    loadAtStart: 0.5,
    seconds: 3,
    measurements: [],
    ...rest,
  };
}

const report: BenchReport = {
  date: '2026-01-02T03:04:05.000Z',
  quick: false,
  command: 'pnpm bench',
  machine: {
    cpuModel: 'Test CPU',
    cores: 2,
    vectorFlags: ['avx2', 'fma'],
    memoryGiB: 24,
    os: 'Linux 6.1',
    node: 'v20.0.0',
    loadAverage: [0.5, 0.4, 0.3],
  },
  cases: [gemm, mlp, gptTrainCase],
  systems: [
    { id: 'shinkei-js', label: 'shinkei, js backend' },
    { id: 'shinkei-ort', label: 'shinkei, ort backend' },
    { id: 'shinkei-static', label: 'shinkei, static graph' },
    { id: 'tfjs-cpu', label: 'TensorFlow.js cpu' },
    { id: 'torch', label: 'PyTorch' },
  ],
  runs: [
    run('shinkei-js', {
      measurements: [
        timed('gemm', '64', [0.001, 0.001, 0.001], { warmup: 2, reps: 3, inner: 128 }),
        timed('mlp-train', 'sgd', [0.02, 0.03, 0.025], { warmup: 3, reps: 3, inner: 1 }),
      ],
    }),
    run('shinkei-ort', { unavailable: 'no ort backend yet' }),
    run('shinkei-static', {
      notes: ['one-time compile cost: MLP training step (SGD) 0.25 s'],
      measurements: [timed('gemm', '64', [0.0001, 0.0001, 0.0001], { warmup: 2, reps: 3, inner: 128 })],
    }),
    run('tfjs-cpu', {
      measurements: [
        timed('gemm', '64', [0.004, 0.004], { warmup: 1, reps: 2, inner: 40 }),
        { caseId: 'mlp-train', variantId: 'sgd', unavailable: 'kernel missing' },
      ],
    }),
    run('torch', {
      notes: ['BLAS library loaded: /usr/lib/libblas.so.3'],
      measurements: [
        timed('gemm', '64', [0.0005, 0.0005, 0.0005], { warmup: 2, reps: 3, inner: 128 }),
        timed('mlp-train', 'sgd', [0.005, 0.005, 0.005], { warmup: 3, reps: 3, inner: 1 }),
      ],
    }),
  ],
  loadAfter: [1.5, 0.9, 0.4],
  seconds: 42,
};

/** The table row whose first cell is `label`, under the heading `section`, as trimmed cells. */
function rowOf(markdown: string, section: string, label: string, table = 0): string[] {
  const body = markdown.split(`## ${section}`)[1]!.split('\n## ')[0]!;
  const tables = body.split(/\n\n/).filter((block) => block.startsWith('|'));
  const line = tables[table]!.split('\n').find((l) => l.startsWith(`| ${label} `));
  if (line === undefined) throw new Error(`no row ${label} in ${section}`);
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(report);

  it('describes the machine, the run and the load', () => {
    expect(markdown).toMatch(/^# Benchmarks\n/);
    expect(markdown).toContain('2026-01-02 03:04 UTC');
    expect(markdown).toContain('| CPU ');
    expect(markdown).toContain('Test CPU');
    expect(markdown).toContain('avx2 fma (no AVX-512)');
    expect(rowOf(markdown, 'Machine', 'load average at end')).toEqual(['load average at end', '1.50, 0.90, 0.40']);
  });

  it('lists every system with version, threads, RSS, and notes and reasons below', () => {
    expect(rowOf(markdown, 'Systems', 'PyTorch')).toEqual(['PyTorch', 'torch 1.0', '1', '200 MiB', '0.50', '3 s']);
    expect(rowOf(markdown, 'Systems', 'shinkei, ort backend')[1]).toBe('not available');
    expect(markdown).toContain('- shinkei, ort backend: not available — no ort backend yet.');
    expect(markdown).toContain('- PyTorch: BLAS library loaded: /usr/lib/libblas.so.3.');
    expect(markdown).toContain('- shinkei, static graph: one-time compile cost: MLP training step (SGD) 0.25 s.');
    expect(markdown).toContain('tfjs-node): not measured — cannot install offline');
  });

  it('gives GFLOP/s from the flops and the median, with spread and iterations', () => {
    expect(rowOf(markdown, 'float32 GEMM', 'shinkei, js backend')).toEqual(['shinkei, js backend', '0.524 ±<1%']);
    expect(rowOf(markdown, 'float32 GEMM', 'PyTorch')).toEqual(['PyTorch', '1.05 ±<1%']);
    expect(rowOf(markdown, 'float32 GEMM', '*iterations: warm-up, reps × calls*')[1]).toBe('2, 3×128');
  });

  it('marks a figure measured with fewer iterations than planned (time budget) with ‡ and the counts', () => {
    expect(rowOf(markdown, 'float32 GEMM', 'TensorFlow.js cpu')[1]).toBe('0.131 ±<1% ‡');
    expect(markdown).toContain(
      '- ‡ TensorFlow.js cpu, 64: over the time budget per variant, so 1, 2×40 (warm-up, reps × calls) instead of 2, 3×128',
    );
    const cold = renderMarkdown({
      ...report,
      runs: [run('torch', { measurements: [{ ...timed('mlp-train', 'sgd', [9]), coldOnly: true }] })],
    });
    expect(rowOf(cold, 'MLP training step', 'PyTorch')[1]).toBe('9000 ‡');
    expect(cold).toContain('one call, the first (cold) one');
  });

  it('gives speed relative to PyTorch and tfjs-cpu from the medians', () => {
    expect(rowOf(markdown, 'float32 GEMM', 'shinkei, js backend', 1)).toEqual(['shinkei, js backend', '0.50× / 4.00×']);
    expect(rowOf(markdown, 'float32 GEMM', 'shinkei, static graph', 1)[1]).toBe('5.00× / 40×');
    expect(rowOf(markdown, 'float32 GEMM', 'PyTorch', 1)[1]).toBe('1.00× / 8.00×');
  });

  it('shows milliseconds, marks noisy figures and ratios, and leaves a missing reference as —', () => {
    const [, figure] = rowOf(markdown, 'MLP training step', 'shinkei, js backend');
    expect(figure).toBe('25.0 ±10% ⚠');
    expect(rowOf(markdown, 'MLP training step', 'shinkei, js backend', 1)[1]).toBe('0.20× ⚠ / —');
  });

  it('writes n/a with the reason for a failed variant or an unavailable system', () => {
    expect(rowOf(markdown, 'MLP training step', 'TensorFlow.js cpu')[1]).toBe('n/a');
    expect(markdown).toContain('- n/a, TensorFlow.js cpu: kernel missing');
    expect(rowOf(markdown, 'MLP training step', 'shinkei, ort backend')[1]).toBe('n/a');
    expect(markdown).toContain('- n/a, shinkei, ort backend: no ort backend yet');
  });

  it('leaves out systems with nothing for a case', () => {
    const mlpSection = markdown.split('## MLP training step')[1]!.split('\n## ')[0]!;
    expect(mlpSection).toContain('| shinkei, js backend ');
    expect(mlpSection).not.toContain('static graph');
  });

  it('lists an unavailable case with its reason and no numbers', () => {
    const gpt = markdown.split('## GPT training step')[1]!;
    expect(gpt).toContain('Not available: @shinkei/transformer not built yet');
    expect(gpt).not.toContain('|');
  });

  it('says when the run was a quick smoke run', () => {
    expect(markdown).not.toContain('--quick');
    const quick = renderMarkdown({ ...report, quick: true, command: 'pnpm bench --quick --only gemm' });
    expect(quick).toContain('`pnpm bench --quick --only gemm` with `--quick`');
    expect(rowOf(quick, 'float32 GEMM', '*iterations: warm-up, reps × calls*')[1]).toBe('1, 3×16');
  });
});

describe('markdownTable', () => {
  it('pads columns to equal width and escapes pipes', () => {
    expect(markdownTable(['a', 'long header'], [['x|y', '1']])).toBe(
      ['| a    | long header |', '| ---- | ----------- |', '| x\\|y | 1           |'].join('\n'),
    );
  });
});

describe('formatting', () => {
  it('prints three significant digits without exponents', () => {
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(123.45)).toBe('123');
    expect(formatNumber(12345.6)).toBe('12346');
    expect(formatNumber(0)).toBe('0');
  });

  it('prints ratios with a precision that suits their size', () => {
    expect(formatRatio(0.0123)).toBe('0.012×');
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatRatio(2.5)).toBe('2.50×');
    expect(formatRatio(42.4)).toBe('42×');
  });
});
