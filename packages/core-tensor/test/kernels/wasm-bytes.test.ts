/**
 * The committed WebAssembly modules (src/kernels/wasm/*.bytes.ts) are exactly what
 * scripts/build-wasm.mjs assembles from the .wat sources beside them, so the two cannot
 * drift: after editing a .wat, run `pnpm build:wasm` in packages/core-tensor.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, generatedPath, watFiles } from '../../scripts/build-wasm.mjs';

describe('generated WebAssembly modules', () => {
  const sources = watFiles();

  it('there is at least the GEMM kernel', () => {
    expect(sources.map((path) => basename(path))).toContain('gemm-f32.wat');
  });

  for (const watPath of sources) {
    it(`${basename(generatedPath(watPath))} is ${basename(watPath)} assembled`, async () => {
      expect(readFileSync(generatedPath(watPath), 'utf8')).toBe(await build(watPath));
    });
  }
});
