import { apply } from '../../autograd/dispatch.js';
import { floatOf, promoteTypes } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { formatShape, sizeOf } from '../../shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../binary.js';
import { cast } from '../cast.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { matmulT } from '../matmul.js';
import { sum } from '../reduce.js';
import { expand, permute, reshape } from '../shape.js';

/** An operand with one letter naming each of its dims. */
interface Term {
  t: Tensor;
  letters: readonly string[];
}

/** The parsed equation: the letters naming each operand's dims and the output's. */
interface EinsumAttrs {
  inputs: readonly (readonly string[])[];
  output: readonly string[];
}

/**
 * y[out] = Σ over the letters not in out of Πₖ operandₖ[lettersₖ]. Forward: the operands
 * contracted left to right with permute/reshape/matmul (or mul and sum). Gradient of
 * operand i: the einsum of dy with the other operands onto operand i's letters (letters
 * only operand i had were summed, so their gradient is broadcast back).
 */
export const einsumOp: OpDef<EinsumAttrs> = defineOp<EinsumAttrs>({
  name: 'einsum',
  forward: (operands, { inputs, output }) => {
    // detached copies: the inner ops record neither autograd nodes nor traced ONNX nodes
    let terms: Term[] = inputs.map((letters, i) => ({ t: operands[i]!.detach(), letters }));
    terms = terms.map((term, i) =>
      sumPrivateLetters(
        term,
        output,
        terms.filter((_, j) => j !== i),
      ),
    );
    while (terms.length > 1) terms = [contract(terms[0]!, terms[1]!, output, terms.slice(2)), ...terms.slice(2)];
    const last = terms[0]!;
    return permute(
      last.t,
      output.map((l) => last.letters.indexOf(l)),
    );
  },
  backward: ({ inputs: operands, attrs: { inputs, output } }, dy) =>
    operands.map((x, i) => {
      if (!x.requiresGrad) return null;
      const own = inputs[i]!;
      const others = inputs.filter((_, j) => j !== i);
      const reached = own.filter((l) => output.includes(l) || others.some((o) => o.includes(l)));
      const g = apply(einsumOp, [dy, ...operands.filter((_, j) => j !== i)], {
        inputs: [output, ...others],
        output: reached,
      });
      return reached.length === own.length
        ? g
        : expand(
            reshape(
              g,
              own.map((l, d) => (reached.includes(l) ? x.shape[d]! : 1)),
            ),
            x.shape,
          );
    }),
  onnx: (g, operands, { inputs, output }) =>
    g.node('Einsum', operands, { equation: `${inputs.map((ls) => ls.join('')).join(',')}->${output.join('')}` })[0]!,
});

/**
 * Einstein summation, y[out] = Σ over letters not in out of Πₖ operandₖ[lettersₖ], for
 * equations like 'ij,jk->ik', 'bij,bjk->bik', 'i,j->ij', 'bhqd,bhkd->bhqk', 'ij->ji'
 * (without '->', the output is the letters used once, alphabetically). Computed in
 * float. A letter repeated within one operand (diagonals, traces like 'ii->') and '...'
 * are not supported.
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  const attrs = parseEquation(equation, operands);
  const dtype = floatOf(operands.reduce((acc, t) => promoteTypes(acc, t.dtype), operands[0]!.dtype));
  return apply(
    einsumOp,
    operands.map((t) => cast(t, dtype)),
    attrs,
  );
}

function parseEquation(equation: string, operands: readonly Tensor[]): EinsumAttrs {
  const compact = equation.replace(/\s+/g, '');
  if (compact.includes('.'))
    throw new ShapeError(`einsum: '...' (ellipsis) is not supported in '${equation}'; name every dim with a letter`);
  const sides = compact.split('->');
  if (sides.length > 2 || !/^[a-zA-Z,]*$/.test(sides[0]!) || !/^[a-zA-Z]*$/.test(sides[1] ?? '')) {
    throw new ShapeError(
      `einsum: cannot parse '${equation}' (expected letters, commas and at most one '->', like 'ij,jk->ik')`,
    );
  }
  const inputs = sides[0]!.split(',').map((term) => [...term]);
  if (inputs.length !== operands.length || operands.length === 0) {
    throw new ShapeError(`einsum: '${equation}' names ${inputs.length} operands, but ${operands.length} were given`);
  }
  const sizes = new Map<string, number>();
  inputs.forEach((letters, i) => {
    const t = operands[i]!;
    if (letters.length !== t.ndim) {
      throw new ShapeError(
        `einsum: operand ${i} has shape ${formatShape(t.shape)} (${t.ndim} dims) but '${letters.join('')}' names ${letters.length}`,
      );
    }
    letters.forEach((l, d) => {
      if (letters.indexOf(l) !== d) {
        throw new ShapeError(
          `einsum: index '${l}' repeats within operand ${i} ('${letters.join('')}'); diagonals and traces are not supported`,
        );
      }
      const known = sizes.get(l);
      if (known !== undefined && known !== t.shape[d]) {
        throw new ShapeError(
          `einsum: index '${l}' has size ${known} in one operand and ${t.shape[d]} in operand ${i} (${formatShape(t.shape)})`,
        );
      }
      sizes.set(l, t.shape[d]!);
    });
  });
  const output = sides.length === 2 ? [...sides[1]!] : implicitOutput(inputs);
  output.forEach((l, k) => {
    if (output.indexOf(l) !== k) throw new ShapeError(`einsum: output index '${l}' repeats in '${equation}'`);
    if (!sizes.has(l))
      throw new ShapeError(`einsum: output index '${l}' does not appear in any operand of '${equation}'`);
  });
  return { inputs, output };
}

/** Without '->': the letters that occur exactly once over all operands, in alphabetical order. */
function implicitOutput(inputs: readonly string[][]): string[] {
  const all = inputs.flat();
  return [...new Set(all)].filter((l) => all.indexOf(l) === all.lastIndexOf(l)).sort();
}

/** Sum away the letters only this operand has and the output does not keep. */
function sumPrivateLetters(term: Term, output: readonly string[], others: readonly Term[]): Term {
  const isPrivate = (l: string): boolean => !output.includes(l) && others.every((o) => !o.letters.includes(l));
  const dims = term.letters.flatMap((l, d) => (isPrivate(l) ? [d] : []));
  if (dims.length === 0) return term;
  return { t: sum(term.t, dims), letters: term.letters.filter((l) => !isPrivate(l)) };
}

/**
 * Contract two operands into one whose letters are batch (shared and still needed),
 * then a's own, then b's own; shared letters no longer needed are summed by the product.
 */
function contract(a: Term, b: Term, output: readonly string[], rest: readonly Term[]): Term {
  const needed = (l: string): boolean => output.includes(l) || rest.some((t) => t.letters.includes(l));
  const batch = a.letters.filter((l) => b.letters.includes(l) && needed(l));
  const summed = a.letters.filter((l) => b.letters.includes(l) && !needed(l));
  const left = a.letters.filter((l) => !b.letters.includes(l));
  const right = b.letters.filter((l) => !a.letters.includes(l));
  const letters = [...batch, ...left, ...right];
  const sizeOfLetters = (ls: readonly string[]): number[] =>
    ls.map((l) => (a.letters.includes(l) ? a.t.shape[a.letters.indexOf(l)]! : b.t.shape[b.letters.indexOf(l)]!));
  const arranged = (term: Term, order: readonly string[], shape: readonly number[]): Tensor =>
    reshape(
      permute(
        term.t,
        order.map((l) => term.letters.indexOf(l)),
      ),
      shape,
    );
  const [B, M, K, N] = [batch, left, summed, right].map((ls) => sizeOf(sizeOfLetters(ls))) as [
    number,
    number,
    number,
    number,
  ];
  if (summed.length === 0 || (left.length === 0 && right.length === 0)) {
    // no matrix product to form: an outer or elementwise product, summed over the shared letters
    const x = arranged(a, [...batch, ...left, ...summed], [B, M, 1, K]);
    const y = arranged(b, [...batch, ...right, ...summed], [B, 1, N, K]);
    const product = mul(x, y);
    return { t: reshape(summed.length === 0 ? product : sum(product, 3), sizeOfLetters(letters)), letters };
  }
  // read an operand transposed when its letters already run [batch, summed, own] (a) or
  // [batch, own, summed] (b): the product then needs no permuted copy
  const sameOrder = (term: Term, order: readonly string[]): boolean => order.every((l, i) => term.letters[i] === l);
  const transA = sameOrder(a, [...batch, ...summed, ...left]);
  const transB = sameOrder(b, [...batch, ...right, ...summed]);
  const product = matmulT(
    transA
      ? arranged(a, [...batch, ...summed, ...left], [B, K, M])
      : arranged(a, [...batch, ...left, ...summed], [B, M, K]),
    transB
      ? arranged(b, [...batch, ...right, ...summed], [B, N, K])
      : arranged(b, [...batch, ...summed, ...right], [B, K, N]),
    transA,
    transB,
  );
  return { t: reshape(product, sizeOfLetters(letters)), letters };
}
