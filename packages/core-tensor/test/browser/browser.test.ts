import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeMoons } from '../../src/data/index.js';
import { loadModule } from '../../src/io/index.js';
import { Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { exportOnnx } from '../../src/onnx/index.js';
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
const BROWSER_SAFE = ['', '/nn', '/optim', '/custom', '/experiment', '/data', '/io', '/onnx', '/train'];
/** Node-only entry points, and the Node built-in that the bundler names for each. */
const NODE_ONLY: Record<string, string> = {
  '/ort': 'node:module',
};

/** What the Node-only functions throw in a browser: the function, the built-in, the Node version, what to do instead. */
const NODE_ONLY_ERRORS: Record<string, string> = {
  loadDigits:
    'loadDigits needs node:fs (files), which this runtime does not have: it runs on Node.js ≥ 20.16. ' +
    'In a browser, build tensors from your own data (tensor(), TensorDataset).',
  saveModule:
    'saveModule needs node:fs (files), which this runtime does not have: it runs on Node.js ≥ 20.16. ' +
    'In a browser, pass the bytes instead of a path (a Uint8Array in, the returned Uint8Array out).',
  exportOnnxToFile:
    'exportOnnxToFile needs node:fs (files), which this runtime does not have: it runs on Node.js ≥ 20.16. ' +
    'In a browser, exportOnnx returns the bytes.',
  ProgressBar:
    'ProgressBar needs node:process (the terminal), which this runtime does not have: it runs on Node.js ≥ 20.16. ' +
    'In a browser, show progress yourself (RunningMean and formatMetrics give the numbers).',
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
    'trains an MLP on two moons from /data, saves it (/io) and exports it (/onnx) as Node does, and multiplies float32 matrices on the WebAssembly SIMD GEMM',
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
        // /io: the page's safetensors bytes read back there, and here into the same MLP
        const keys = ['0.bias', '0.weight', '2.bias', '2.weight'];
        expect(result.safetensorsKeys).toEqual(keys);
        expect(result.reloadedMatches).toBe(true);
        const model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 2));
        loadModule(model, Uint8Array.from(result.safetensors));
        // /onnx: the page's ModelProto is the MLP's graph, byte for byte what Node exports from the same weights
        const onnx = Uint8Array.from(result.onnx);
        const proto = onnxProto.onnx.ModelProto.decode(onnx);
        expect(proto.graph?.node?.map((node) => node.opType)).toEqual([
          ...['Transpose', 'MatMul', 'Add', 'Relu'],
          ...['Transpose', 'MatMul', 'Add', 'Identity'],
        ]);
        expect(proto.graph?.initializer?.map((init) => init.name).sort()).toEqual(keys);
        const { x } = makeMoons({ n: 200, noise: 0.1, seed: 1 });
        expect(result.onnx).toEqual(Array.from(exportOnnx(model, [x])));
        // the Node-only file functions say so, and what to do instead
        expect(result.nodeOnlyErrors).toEqual(NODE_ONLY_ERRORS);
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
