import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchNpmTarball, shinkeiCacheDir } from '../../src/data/index.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'shinkei-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('fetchNpmTarball', () => {
  it('serves a completed extraction from the cache without running npm', () => {
    const folder = join(cacheDir, 'npm', '@scope+pkg@1.2.3');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '.shinkei-complete'), '@scope/pkg@1.2.3\n');
    expect(fetchNpmTarball('@scope/pkg', '1.2.3', { cacheDir })).toBe(folder);
  });

  it('refuses names and versions npm pack should never see', () => {
    expect(() => fetchNpmTarball('../evil', '1.0.0', { cacheDir })).toThrow(/not an npm package name/);
    expect(() => fetchNpmTarball('pkg', 'latest', { cacheDir })).toThrow(/not an exact version/);
    expect(() => fetchNpmTarball('pkg', '^1.0.0', { cacheDir })).toThrow(/not an exact version/);
  });

  it('caches under $SHINKEI_CACHE when it is set', () => {
    const previous = process.env.SHINKEI_CACHE;
    process.env.SHINKEI_CACHE = cacheDir;
    try {
      expect(shinkeiCacheDir()).toBe(cacheDir);
    } finally {
      if (previous === undefined) delete process.env.SHINKEI_CACHE;
      else process.env.SHINKEI_CACHE = previous;
    }
  });
});
