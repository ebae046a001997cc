import { getBackend } from '@shinkei/core-tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { selectBackend } from '../src/systems/shinkei/backend.js';

afterEach(() => {
  selectBackend('js');
});

describe('selectBackend', () => {
  it('switches core-tensor to ONNX Runtime and back (onnxruntime-node is a dependency of the bench)', () => {
    expect(selectBackend('ort')).toBeUndefined();
    expect(getBackend()).toBe('ort');
    expect(selectBackend('js')).toBeUndefined();
    expect(getBackend()).toBe('js');
  });
});
