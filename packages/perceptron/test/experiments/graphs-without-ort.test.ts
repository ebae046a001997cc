import { afterEach, describe, expect, it, vi } from 'vitest';
import { quick } from './claims.js';

afterEach(() => {
  vi.doUnmock('@shinkei/core-tensor/ort');
  vi.resetModules();
});

describe('§6.1.2 dynamic and static graphs without onnxruntime-node', () => {
  it('the experiments load without @shinkei/core-tensor/ort', async () => {
    vi.doMock('@shinkei/core-tensor/ort', () => {
      throw new Error('@shinkei/core-tensor/ort was loaded');
    });
    vi.resetModules();
    const { experiments } = await import('../../src/experiments/index.js');
    expect(experiments.map((e) => e.id)).toContain('dynamic-static-graphs');
  });

  it('running it says that it needs onnxruntime-node, and why', async () => {
    vi.doMock('@shinkei/core-tensor/ort', () => ({
      loadOrt: () => {
        throw new Error("Cannot find module 'onnxruntime-node'");
      },
    }));
    vi.resetModules();
    const { dynamicStaticGraphs } = await import('../../src/experiments/index.js');
    await expect(dynamicStaticGraphs(quick)).rejects.toThrow(
      /needs the optional peer dependency onnxruntime-node \(~1\.30\.0\).*Cannot find module 'onnxruntime-node'/,
    );
  });

  it('and so when the synchronous native binding is unavailable', async () => {
    vi.doMock('@shinkei/core-tensor/ort', () => ({
      loadOrt: () => ({ version: '1.31.0', createNativeSession: 'runSync supports onnxruntime-node 1.30.x' }),
    }));
    vi.resetModules();
    const { dynamicStaticGraphs } = await import('../../src/experiments/index.js');
    await expect(dynamicStaticGraphs(quick)).rejects.toThrow(/onnxruntime-node.*runSync supports/);
  });
});
