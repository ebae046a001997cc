/**
 * Indexing ops against golden values from PyTorch (fixtures/indexing/generate.py writes
 * fixtures/indexing/indexing.json; the test only reads the JSON).
 */
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  cumsum,
  einsum,
  gather,
  index,
  pad,
  repeat,
  roll,
  scatterAdd,
  tile,
  tril,
  triu,
} from '../../src/ops/indexing/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { Expected } from './helpers.js';
import { ints, loadFixtures, sample, specOf } from './helpers.js';

const fixtures = loadFixtures();

function expectMatch(got: Tensor, expected: Expected): void {
  expect(got.shape).toEqual(expected.shape);
  expect(got).toBeAllClose(expected.values, { rtol: 1e-12, atol: 1e-12 });
}

describe('indexing ops match PyTorch', () => {
  it.each(fixtures.index.map((c) => [JSON.stringify(c.specs), c] as const))('index %s', (_, c) => {
    expectMatch(index(sample(c.shape), ...c.specs.map(specOf)), c.expected);
  });

  it.each(fixtures.pad.map((c) => [`${c.mode} ${JSON.stringify(c.pads)}`, c] as const))('pad %s', (_, c) => {
    expectMatch(pad(sample(c.shape), c.pads, c.mode, 1.5), c.expected);
  });

  it.each(fixtures.cumsum)('cumsum dim $dim of $shape', (c) => {
    expectMatch(cumsum(sample(c.shape), c.dim), c.expected);
  });

  it.each(fixtures.gather)('gather dim $dim', (c) => {
    expectMatch(gather(sample(c.shape), c.dim, ints(c.index)), c.expected);
  });

  it.each(fixtures.scatterAdd)('scatterAdd dim $dim with src $srcShape', (c) => {
    expectMatch(scatterAdd(sample(c.shape), c.dim, ints(c.index), sample(c.srcShape)), c.expected);
  });

  it.each(fixtures.roll)('roll $shifts over $dims', (c) => {
    expectMatch(roll(sample(c.shape), c.shifts, c.dims ?? undefined), c.expected);
  });

  it.each(fixtures.repeat)('repeat $shape by $reps', (c) => {
    expectMatch(repeat(sample(c.shape), c.reps), c.expected);
  });

  it.each(fixtures.tile)('tile $shape by $reps', (c) => {
    expectMatch(tile(sample(c.shape), c.reps), c.expected);
  });

  it.each(fixtures.triangle)('triangle k=$k upper=$upper of $shape', (c) => {
    expectMatch((c.upper ? triu : tril)(sample(c.shape), c.k), c.expected);
  });

  it.each(fixtures.einsum)('einsum $equation', (c) => {
    const operands = c.shapes.map((s, k) => sample(s).mul(k + 1));
    expectMatch(einsum(c.equation, ...operands), c.expected);
  });
});
