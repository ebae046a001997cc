import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModule, loadSafetensors, saveModule } from '../../src/io/index.js';
import { BatchNorm1d, Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { manualSeed } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';

const folder = mkdtempSync(join(tmpdir(), 'shinkei-module-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function model(): Sequential {
  return new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
}

describe('saveModule / loadModule', () => {
  it('restores parameters and buffers so a fresh model computes the same outputs', () => {
    manualSeed(0);
    const trained = model();
    trained.call(randn([16, 4]));
    trained.eval();
    const path = join(folder, 'model.safetensors');
    saveModule(trained, path);
    expect(Object.keys(loadSafetensors(path)).sort()).toEqual(Object.keys(trained.stateDict()).sort());

    manualSeed(1);
    const fresh = model().eval();
    const x = randn([5, 4]);
    expect(Array.from(fresh.call(x).data)).not.toEqual(Array.from(trained.call(x).data));
    expect(loadModule(fresh, path)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(Array.from(fresh.call(x).data)).toEqual(Array.from(trained.call(x).data));
  });

  it('loads from bytes and refuses weights of another architecture', () => {
    const bytes = saveModule(new Sequential(new Linear(4, 8)));
    expect(() => loadModule(model(), bytes)).toThrow(/missing keys/);
    expect(loadModule(model(), bytes, { strict: false }).missingKeys.length).toBeGreaterThan(0);
    expect(() => loadModule(new Sequential(new Linear(4, 9)), bytes)).toThrow(/shape mismatch for 0.weight/);
  });
});
