import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/report/escape.js';
import { renderReport } from '../src/report/page.js';
import type { TourResults } from '../src/results.js';

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves other text alone and stringifies non-strings', () => {
    expect(escapeHtml('α ≈ 0.138 — ✓')).toBe('α ≈ 0.138 — ✓');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('the report escapes everything an experiment supplies', () => {
  const evil = '<script>alert("x")</script>';
  const results: TourResults = {
    tool: 'shinkei tour',
    date: '2025-01-01T00:00:00.000Z',
    size: 'quick',
    seed: 1,
    backend: 'js',
    only: [evil],
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2 },
    totalMs: 12,
    counts: { experiments: 1, errors: 0, verdicts: 1, passed: 1 },
    experiments: [
      {
        id: evil,
        topic: evil,
        section: evil,
        title: evil,
        claim: evil,
        status: 'ok',
        durationMs: 3,
        verdicts: [{ claim: evil, measured: evil, chapter: evil, pass: true }],
        metrics: { [evil]: 1 },
        figures: [
          { kind: 'text', title: evil, text: evil },
          { kind: 'line', title: evil, xLabel: evil, yLabel: evil, series: [{ name: evil, x: [1, 2], y: [1, 2] }] },
          {
            kind: 'line',
            title: 'two',
            xLabel: '',
            yLabel: '',
            series: [
              { name: evil, x: [1], y: [1] },
              { name: 'b', x: [1], y: [2] },
            ],
            markers: [{ x: 1, label: evil }],
          },
          { kind: 'bar', title: evil, yLabel: evil, bars: [{ label: evil, value: 1 }] },
          { kind: 'images', title: evil, images: [{ label: evil, width: 1, height: 1, pixels: [0] }] },
        ],
        settings: { [evil]: evil },
      },
    ],
  };

  it('never emits a script tag', () => {
    const html = renderReport(results);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
