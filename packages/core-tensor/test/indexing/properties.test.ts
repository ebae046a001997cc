import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cat, flip, pad, roll, slice, split } from '../../src/ops/indexing/index.js';
import { permute, reshape } from '../../src/ops/shape.js';
import { sample } from './helpers.js';

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

/** A shape and a valid dim of it (possibly negative). */
const shapeAndDim = shapeArb.chain((shape) =>
  fc.tuple(fc.constant(shape), fc.integer({ min: -shape.length, max: shape.length - 1 })),
);

const sameValues = (a: { data: ArrayLike<number> }, b: { data: ArrayLike<number> }): boolean =>
  a.data.length === b.data.length && Array.from(a.data).every((v, i) => v === b.data[i]);

describe('round trips (fast-check)', () => {
  it('cat(split(x)) = x for any piece sizes', () => {
    fc.assert(
      fc.property(
        shapeAndDim.chain(([shape, dim]) => {
          const n = shape[dim < 0 ? dim + shape.length : dim]!;
          return fc.tuple(fc.constant(shape), fc.constant(dim), fc.integer({ min: 1, max: n }));
        }),
        ([shape, dim, piece]) => {
          const x = sample(shape);
          const pieces = split(x, piece, dim);
          const back = cat(pieces, dim);
          expect(back.shape).toEqual(shape);
          return sameValues(back, x);
        },
      ),
    );
  });

  it('split(cat(xs)) gives back every part', () => {
    fc.assert(
      fc.property(
        shapeAndDim,
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        ([shape, dim], sizes) => {
          const d = dim < 0 ? dim + shape.length : dim;
          const parts = sizes.map((n, k) => sample(shape.map((s, i) => (i === d ? n : s))).add(k));
          const pieces = split(cat(parts, dim), sizes, dim);
          return pieces.every((p, k) => sameValues(p, parts[k]!));
        },
      ),
    );
  });

  it('permute by p then by p⁻¹ is the identity; reshape there and back too', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }),
          ),
        ),
        ([shape, perm]) => {
          const x = sample(shape);
          const inverse = perm.map((_, i) => perm.indexOf(i));
          const there = permute(x, perm);
          expect(there.shape).toEqual(perm.map((d) => shape[d]));
          const flat = reshape(there, [-1]);
          return sameValues(permute(reshape(flat, there.shape), inverse), x);
        },
      ),
    );
  });

  it('flip twice, roll by s then −s, and pad then crop are identities', () => {
    fc.assert(
      fc.property(
        shapeAndDim,
        fc.integer({ min: -7, max: 7 }),
        fc.integer({ min: 0, max: 3 }),
        ([shape, dim], shift, width) => {
          const x = sample(shape);
          const d = dim < 0 ? dim + shape.length : dim;
          const padded = pad(x, [width, 2 * width], 'constant', 5);
          const cropped = slice(padded, -1, width, width + shape[shape.length - 1]!);
          return (
            sameValues(flip(flip(x, dim), dim), x) &&
            sameValues(roll(roll(x, shift, d), -shift, d), x) &&
            sameValues(cropped, x)
          );
        },
      ),
    );
  });
});
