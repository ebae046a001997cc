import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runTour } from '../src/tour.js';
import { fakeTopics } from './fixtures/fake-topics.js';

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const inCI = Boolean(process.env.CI);

if (!hasChromium && !inCI) {
  console.warn(
    `browser test skipped: ${executablePath} not found (install Debian's chromium package to run it; CI installs it and fails without it)`,
  );
}

/** What the page shows for one experiment section. */
interface SectionCheck {
  id: string;
  charts: { label: string; marks: number }[];
  images: { alt: string; naturalWidth: number }[];
  texts: number;
}

describe('the report in a browser', () => {
  it.skipIf(!hasChromium && !inCI)(
    'renders every section with its plots and images, without console errors',
    { timeout: 120_000 },
    async () => {
      expect(hasChromium, `${executablePath} is required in CI`).toBe(true);
      const dir = await mkdtemp(join(tmpdir(), 'shinkei-tour-browser-'));
      const outcome = await runTour(
        { size: 'quick', seed: 42, backend: 'js', outDir: dir, progress: 'silent', write: () => {} },
        fakeTopics(),
      );

      // chromium.launch gives every run a fresh temporary profile (user-data-dir) of its own.
      const browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
        page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
        await page.goto(pathToFileURL(outcome.htmlPath).href, { waitUntil: 'load' });

        const sections: SectionCheck[] = await page.$$eval('section.experiment', (nodes) =>
          nodes.map((node) => ({
            id: node.id,
            charts: [...node.querySelectorAll('svg.chart')].map((svg) => ({
              label: svg.getAttribute('aria-label') ?? '',
              marks: svg.querySelectorAll('g.data path[d], g.data circle, g.data rect, g.data image').length,
            })),
            images: [...node.querySelectorAll('img')].map((img) => ({
              alt: img.alt,
              naturalWidth: img.naturalWidth,
            })),
            texts: node.querySelectorAll('pre.text-figure').length,
          })),
        );
        expect(sections.map((s) => s.id)).toEqual(['exp-alpha-first', 'exp-beta-second', 'exp-beta-broken']);

        const first = sections[0]!;
        expect(first.charts.map((c) => c.label)).toEqual([
          'Training loss',
          'Two moons',
          'Gradient norm by layer',
          'Weight matrix',
        ]);
        for (const chart of first.charts) expect(chart.marks, chart.label).toBeGreaterThan(0);
        expect(first.images).toHaveLength(3);
        for (const image of first.images) expect(image.naturalWidth, image.alt).toBeGreaterThan(0);
        expect(first.texts).toBe(1);

        const tiny = await page.$$eval('section#exp-alpha-first .tile svg rect', (rects) => rects.length);
        expect(tiny).toBe(9);
        const failed = await page.textContent('section#exp-beta-broken .error-box');
        expect(failed).toContain('broken exploded on purpose');
        const visible = await page.$$eval('svg.chart', (svgs) =>
          svgs.every((svg) => svg.getBoundingClientRect().width > 100 && svg.getBoundingClientRect().height > 100),
        );
        expect(visible).toBe(true);

        await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
        console.info(`report screenshot: ${join(dir, 'report.png')}`);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
