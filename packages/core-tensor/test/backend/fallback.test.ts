import type {} from '@shinkei/vitest-config/matchers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBackend, useBackend, withBackend } from '../../src/backend/index.js';
import { matmul } from '../../src/ops/matmul.js';
import type { NativeSession, OrtModule, OrtRuntime } from '../../src/ort/runtime.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';

const generator = new Generator(3);
const missingOrt = (): OrtRuntime => {
  throw new Error(
    "@shinkei/core-tensor/ort needs the optional peer dependency onnxruntime-node (Cannot find module 'onnxruntime-node')",
  );
};

afterEach(() => {
  useBackend('js');
  vi.restoreAllMocks();
});

describe('choosing a backend', () => {
  it('js is the default; ort switches synchronously and back', () => {
    expect(getBackend()).toBe('js');
    expect(useBackend('ort')).toBe('ort');
    expect(getBackend()).toBe('ort');
    expect(useBackend('js')).toBe('js');
  });

  it('withBackend restores the previous backend, also when its function throws', () => {
    useBackend('ort');
    expect(withBackend('js', () => getBackend())).toBe('js');
    expect(getBackend()).toBe('ort');
    expect(() =>
      withBackend('js', () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(getBackend()).toBe('ort');
  });

  it('rejects an unknown backend by name, and a thread count that is not a count', () => {
    expect(() => useBackend('gpu' as never)).toThrow(/unknown backend 'gpu'/);
    expect(() => useBackend('ort', { threads: 1.5 })).toThrow(/threads must be an integer ≥ 0.*1\.5/);
    expect(getBackend()).toBe('js');
  });
});

describe('falling back to js', () => {
  it('without onnxruntime-node: one clear warning, then js, which still computes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(useBackend('ort', { loadRuntime: missingOrt })).toBe('js');
    expect(useBackend('ort', { loadRuntime: missingOrt })).toBe('js');
    expect(getBackend()).toBe('js');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/'ort' backend is unavailable, using 'js'.*onnxruntime-node/);
    const a = randn([40, 50], { generator });
    expect(matmul(a, a.T).shape).toEqual([40, 40]);
  });

  it('when the native binding differs from the supported one', async () => {
    vi.resetModules();
    const fresh = await import('../../src/backend/index.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reason = 'runSync supports onnxruntime-node 1.30.x; 1.31.0 is installed (use the async run)';
    const loadRuntime = (): OrtRuntime => ({ ort: {} as OrtModule, version: '1.31.0', createNativeSession: reason });
    expect(fresh.useBackend('ort', { loadRuntime })).toBe('js');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(reason);
  });

  it('an op ONNX Runtime fails to run is computed in JS, with one warning for it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const brokenSession = {
      loadModel: () => {},
      run: () => {
        throw new Error('kernel exploded');
      },
    } as unknown as NativeSession;
    const loadRuntime = (): OrtRuntime => ({
      ort: {} as OrtModule,
      version: '1.30.0',
      createNativeSession: () => brokenSession,
    });
    const a = randn([128, 128], { generator });
    const expected = withBackend('js', () => matmul(a, a));
    expect(useBackend('ort', { loadRuntime })).toBe('ort');
    expect(matmul(a, a)).toBeAllClose(expected, { rtol: 0, atol: 0 });
    expect(matmul(a, a)).toBeAllClose(expected, { rtol: 0, atol: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/cannot run matmul.*kernel exploded/);
  });
});
