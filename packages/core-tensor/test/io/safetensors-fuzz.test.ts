import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../../src/io/index.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor } from '../../src/tensor/create.js';

const valid = encodeSafetensors(
  {
    weight: randn([3, 2], { generator: new Generator(0) }),
    bias: randn([2], { dtype: 'float64', generator: new Generator(1) }),
    labels: tensor([1, 2, 3], { dtype: 'int32' }),
    mask: tensor([true, false]),
  },
  { format: 'pt' },
);

/** Decoding either succeeds or throws a SafetensorsError: never another error, never a crash. */
function decodesOrRefuses(bytes: Uint8Array): boolean {
  try {
    decodeSafetensors(bytes);
    return true;
  } catch (error) {
    if (error instanceof SafetensorsError) return true;
    throw error;
  }
}

describe('the safetensors parser under random damage', () => {
  it('survives random byte flips', () => {
    const flip = fc.record({ index: fc.nat({ max: valid.length - 1 }), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(flip, { minLength: 1, maxLength: 4 }), (flips) => {
        const bytes = valid.slice();
        for (const { index, value } of flips) bytes[index] = value;
        return decodesOrRefuses(bytes);
      }),
      { seed: 20240601, numRuns: 2000 },
    );
  });

  it('refuses every truncation', () => {
    for (let length = 0; length < valid.length; length++) {
      expect(() => decodeSafetensors(valid.subarray(0, length))).toThrow(SafetensorsError);
    }
  });

  it('survives flips inside the header text, where they change the JSON', () => {
    const headerLength = Number(new DataView(valid.buffer).getBigUint64(0, true));
    const printable = fc.record({
      index: fc.integer({ min: 8, max: 8 + headerLength - 1 }),
      value: fc.integer({ min: 32, max: 126 }),
    });
    fc.assert(
      fc.property(printable, ({ index, value }) => {
        const bytes = valid.slice();
        bytes[index] = value;
        return decodesOrRefuses(bytes);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
