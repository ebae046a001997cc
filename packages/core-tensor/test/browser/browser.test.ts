import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './bundle.js';
import type { BrowserResult } from './entry.js';

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const inCI = Boolean(process.env.CI);

if (!hasChromium && !inCI) {
  console.warn(
    `browser test skipped: ${executablePath} not found (install Debian's chromium package to run it; CI installs it and fails without it)`,
  );
}

/** The entry points that bundle for browsers with no Node built-in (the README's "In the browser"). */
const BROWSER_SAFE = ['', '/nn', '/optim', '/custom', '/experiment'];
/** Node-only entry points, and the Node built-in that the bundler names for each. */
const NODE_ONLY: Record<string, string> = {
  '/data': 'node:fs',
  '/io': 'node:fs',
  '/onnx': 'node:fs',
  '/train': 'events',
  '/ort': 'node:module',
};

describe('bundling for browsers', () => {
  for (const path of BROWSER_SAFE) {
    it(`@shinkei/core-tensor${path} imports no Node built-in`, async () => {
      await expect(bundleForBrowser(`@shinkei/core-tensor${path}`)).resolves.toBeTypeOf('string');
    });
  }
  for (const [path, builtin] of Object.entries(NODE_ONLY)) {
    it(`@shinkei/core-tensor${path} is refused: it imports ${builtin}`, async () => {
      await expect(bundleForBrowser(`@shinkei/core-tensor${path}`)).rejects.toThrow(
        new RegExp(`${builtin}.* is a Node built-in`),
      );
    });
  }
});

describe('the js backend in a browser', () => {
  it.skipIf(!hasChromium && !inCI)(
    'trains an MLP on two moons and multiplies float32 matrices on the WebAssembly SIMD GEMM',
    { timeout: 60_000 },
    async () => {
      expect(hasChromium, `${executablePath} is required in CI`).toBe(true);
      const bundle = await bundleForBrowser(fileURLToPath(new URL('./entry.ts', import.meta.url)));
      const browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
        await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
        await page.addScriptTag({ type: 'module', content: bundle });
        await page.waitForFunction(() => '__result' in globalThis, undefined, { timeout: 30_000 });
        const result = await page.evaluate(
          () => (globalThis as { __result?: BrowserResult | { error: string } }).__result!,
        );
        if ('error' in result) throw new Error(`the page failed: ${result.error}`);

        console.info(
          `${result.userAgent}: moons loss ${result.lossBefore.toFixed(3)} → ${result.lossAfter.toFixed(3)}, ` +
            `accuracy ${(100 * result.accuracy).toFixed(1)}%; 256³ GEMM: WebAssembly SIMD ${result.wasmMs.toFixed(1)} ms, ` +
            `JS ${result.jsMs.toFixed(1)} ms`,
        );
        expect(problems).toEqual([]);
        expect(result.lossAfter).toBeLessThan(0.5 * result.lossBefore);
        expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
        expect(result.matmul).toBeAllClose(result.naive, { rtol: 1e-4, atol: 1e-4 });
        // the product went through the WebAssembly kernel: bit for bit its result, which the JS kernel's is not
        expect(result.wasmAvailable).toBe(true);
        expect(result.wasmRan).toBe(true);
        expect(result.jsWasmDifferences).toBeGreaterThan(0);
        expect(result.matmulIsWasm).toBe(true);
      } finally {
        await browser.close();
      }
    },
  );
});
