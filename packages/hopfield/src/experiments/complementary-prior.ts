import { Generator, Tensor } from '@shinkei/core-tensor';
import { DBN } from '../dbn/dbn.js';
import { RBM } from '../rbm/rbm.js';
import { bySize, type ExperimentResult, type HopfieldExperiment, type RunOptions } from './types.js';

/** An RBM with every weight and bias drawn from N(0, scale²). */
function randomRbm(visible: number, hidden: number, scale: number, generator: Generator): RBM {
  const draw = (n: number) => Array.from({ length: n }, () => scale * generator.normal());
  return RBM.fromParameters(
    new Tensor(Float64Array.from(draw(visible * hidden)), [visible, hidden]),
    draw(visible),
    draw(hidden),
  );
}

/** max_v |p_DBN(v) − p_RBM(v)| for a 2-layer DBN [rbm, top] against the RBM alone, by enumeration. */
export function complementaryPriorGap(rbm: RBM, top: RBM): number {
  const dbn = DBN.fromRBMs([rbm, top]).visibleDistribution().data;
  const alone = rbm.visibleDistribution().data;
  let gap = 0;
  for (let v = 0; v < alone.length; v++) gap = Math.max(gap, Math.abs(dbn[v]! - alone[v]!));
  return gap;
}

/**
 * Hinton–Osindero–Teh's complementary prior: a second RBM whose weights are the transpose of
 * the first (and whose biases are swapped) has exactly the first RBM's marginal p(h¹) over
 * its visible layer, so the 2-layer DBN generates exactly the first RBM's p(v) — the point
 * from which greedy training of the second layer can only improve a bound on log p(v).
 */
function run({ size, seed, progress }: RunOptions): ExperimentResult {
  const shapes = bySize(size, {
    quick: [
      [4, 3],
      [6, 5],
      [8, 6],
    ],
    default: [
      [4, 3],
      [6, 5],
      [8, 6],
      [10, 8],
      [8, 12],
    ],
    full: [
      [4, 3],
      [6, 5],
      [8, 6],
      [10, 8],
      [8, 12],
      [12, 10],
    ],
  });
  const generator = new Generator(seed);
  const rows = shapes.map(([visible, hidden], i) => {
    const rbm = randomRbm(visible!, hidden!, 1, generator);
    const tied = complementaryPriorGap(rbm, rbm.transposed());
    const untied = complementaryPriorGap(rbm, randomRbm(hidden!, visible!, 1, generator));
    progress?.((i + 1) / shapes.length);
    return { visible: visible!, hidden: hidden!, tied, untied };
  });
  const worst = Math.max(...rows.map((r) => r.tied));
  const smallestControl = Math.min(...rows.map((r) => r.untied));
  return {
    verdicts: [
      {
        claim:
          'A 2-layer DBN whose top RBM is the transpose of the first has exactly the first RBM\u2019s p(v) (to 1e-10)',
        measured: `max |p_DBN(v) − p_RBM(v)| = ${worst.toExponential(2)} over ${rows.length} random RBMs; an untied top RBM differs by ≥ ${smallestControl.toExponential(2)}`,
        chapter: 'DBN: greedy layer-wise RBM pretraining (each added layer starts from a complementary prior)',
        pass: worst < 1e-10 && smallestControl > 1e-4,
      },
    ],
    metrics: { max_gap_tied: worst, min_gap_untied: smallestControl },
    figures: [
      {
        kind: 'bar',
        title: 'max_v |p_DBN(v) − p_RBM(v)|: tied (Wᵀ) vs untied (random) top RBM',
        yLabel: 'max gap',
        logY: true,
        bars: rows.flatMap((r) => [
          { label: `${r.visible}×${r.hidden} tied`, value: Math.max(r.tied, 1e-18) },
          { label: `${r.visible}×${r.hidden} untied`, value: r.untied },
        ]),
      },
    ],
    settings: { shapes, parameterScale: 1 },
  };
}

export const complementaryPriorExperiment: HopfieldExperiment = {
  id: 'complementary-prior',
  topic: 'hopfield',
  section: '6.1.6',
  title: 'DBN: the transposed top RBM is a complementary prior',
  claim:
    'Stacking an RBM with tied (transposed) weights on top of a trained one leaves the model\u2019s p(v) unchanged, so greedy layer-wise pretraining starts each new layer from the model it improves.',
  run,
};
