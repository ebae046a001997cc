/**
 * A checkpoint written by PyTorch (fixtures/nn/generate.py: a Sequential of Conv2d,
 * BatchNorm2d, MaxPool2d, Linear, BatchNorm1d and LayerNorm, saved as safetensors by hand)
 * loads into the same architecture here and computes PyTorch's outputs; saving with
 * PyTorch's key spelling gives back the same file contents.
 */
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { loadModule, loadSafetensors, saveModule } from '../../src/io/index.js';
import {
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  Flatten,
  LayerNorm,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  StateDictError,
  Tanh,
} from '../../src/nn/index.js';
import { decode } from '../functional/golden.js';
import { fixturePath, nnCases } from '../nn/golden.js';

const tiny = nnCases.tinyModel as unknown as {
  keys: string[];
  input: Parameters<typeof decode>[0];
  output: Parameters<typeof decode>[0];
};
const checkpoint = fixturePath('tiny-model.safetensors');

/** The PyTorch model of the fixture, module for module. */
function tinyModel(): Sequential {
  return new Sequential(
    new Conv2d(2, 3, 3, { padding: 1 }),
    new BatchNorm2d(3),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(12, 5),
    new BatchNorm1d(5),
    new LayerNorm(5),
    new Tanh(),
    new Linear(5, 2),
  );
}

describe('PyTorch checkpoints', () => {
  it("names the state dict as PyTorch does with keys: 'pytorch', in PyTorch's order", () => {
    const model = tinyModel();
    expect(Object.keys(model.stateDict({ keys: 'pytorch' }))).toEqual(tiny.keys);
    expect(Object.keys(model.stateDict())).toContain('1.runningMean');
  });

  it('loads a safetensors file written from PyTorch and computes its outputs', () => {
    const model = tinyModel();
    expect(loadModule(model, checkpoint, { keys: 'pytorch' })).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(Array.from(model.stateDict()['1.numBatchesTracked']!.data)).toEqual([7]);
    model.eval();
    const output = model.call(decode(tiny.input).float());
    expect(output.shape).toEqual(tiny.output.shape);
    expect(output).toBeAllClose(tiny.output.data, { rtol: 1e-5, atol: 1e-6 });
  });

  it('refuses the PyTorch spelling without the option, naming the keys', () => {
    expect(() => loadModule(tinyModel(), checkpoint)).toThrow(StateDictError);
    expect(() => loadModule(tinyModel(), checkpoint)).toThrow(
      /missing keys: .*1\.runningMean.*\n.*unexpected keys: .*1\.running_mean/,
    );
  });

  it("writes back what PyTorch wrote: the same keys and values with keys: 'pytorch'", () => {
    const model = tinyModel();
    loadModule(model, checkpoint, { keys: 'pytorch' });
    const original = loadSafetensors(checkpoint);
    const written = loadSafetensors(saveModule(model, undefined, { keys: 'pytorch' }));
    expect(Object.keys(written).sort()).toEqual(Object.keys(original).sort());
    for (const [key, t] of Object.entries(original)) expect(written[key], key).toBeAllClose(t, { rtol: 0, atol: 0 });
  });

  it('refuses an unknown key spelling', () => {
    // @ts-expect-error only 'shinkei' and 'pytorch' are spellings
    expect(() => tinyModel().stateDict({ keys: 'snake' })).toThrow(/keys must be 'shinkei' or 'pytorch', got 'snake'/);
  });
});
