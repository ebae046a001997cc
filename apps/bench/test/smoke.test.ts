import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/report/markdown.js';
import { isTimed } from '../src/results.js';
import { runBench } from '../src/run/bench.js';
import { systemById } from '../src/systems/registry.js';

describe('a --quick --only gemm run, in process', () => {
  it('measures every GEMM size on shinkei and writes a table with numbers', async () => {
    const report = await runBench({
      quick: true,
      only: ['gemm'],
      systems: [systemById('shinkei-js')],
      isolation: 'in-process',
      command: 'pnpm bench --quick --only gemm',
    });
    expect(report.cases.map((c) => c.id)).toEqual(['gemm']);
    const [run] = report.runs;
    expect(run?.unavailable).toBeUndefined();
    expect(run?.measurements).toHaveLength(6);
    for (const m of run?.measurements ?? []) {
      expect(isTimed(m) && m.samples.length === 3 && m.samples.every((s) => s > 0)).toBe(true);
    }
    expect(run?.peakRssKiB).toBeGreaterThan(0);

    const markdown = renderMarkdown(report);
    const gemmSection = markdown.split('## float32 GEMM')[1] ?? '';
    const row = gemmSection.split('\n').find((line) => line.startsWith('| shinkei, js backend '));
    const cells = row?.split('|').slice(2, -1) ?? [];
    expect(cells).toHaveLength(6);
    for (const cell of cells) expect(cell.trim()).toMatch(/^\d+(\.\d+)? ±(<1|\d+)%( ⚠)?$/);
  });
});
