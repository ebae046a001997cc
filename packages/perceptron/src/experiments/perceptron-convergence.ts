import { Generator, tensor } from '@shinkei/core-tensor';
import { makeLinearlySeparable } from '@shinkei/core-tensor/data';
import { novikoffBound } from '../neuron/novikoff.js';
import { Perceptron } from '../neuron/perceptron.js';
import { bySize, fmt, oneTo, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, Figure, PerceptronExperiment, Series } from './types.js';

const sizes = {
  quick: { n: 200, dim: 5, margins: [0.05, 0.1, 0.2], orderings: 20, noisyEpochs: 100 },
  default: { n: 1000, dim: 10, margins: [0.02, 0.05, 0.1, 0.2, 0.4], orderings: 20, noisyEpochs: 300 },
  full: { n: 5000, dim: 10, margins: [0.01, 0.02, 0.05, 0.1, 0.2, 0.4], orderings: 20, noisyEpochs: 1000 },
};

/** Share of labels flipped to make the data non-separable. */
const FLIPPED = 0.05;

/**
 * Novikoff's theorem, measured: on separable data of margin γ the perceptron (with its bias,
 * from w = 0) is run under 20 random orderings of the samples; every run must stop after at
 * most (R/γ)² updates, with R and γ those of the points (xᵢ, 1) and the best separator found
 * (max-margin solver). Then 5% of the labels are flipped: no separator exists and the rule
 * keeps making mistakes in every epoch.
 */
export function perceptronConvergence(options?: ExperimentOptions): ExperimentResult {
  const ctx = runContext(options);
  const s = bySize(ctx.size, sizes);
  const rows = s.margins.map((margin, k) => {
    ctx.progress(k / (s.margins.length + 1), `γ = ${margin}`);
    const data = makeLinearlySeparable({ n: s.n, dim: s.dim, margin, seed: ctx.seed + k });
    const novikoff = novikoffBound(data.x, data.y, { bias: true });
    const runs = Array.from({ length: s.orderings }, (_, trial) => {
      const perceptron = new Perceptron(s.dim);
      const generator = new Generator(ctx.seed * 1000 + trial);
      return perceptron.fit(data.x, data.y, { shuffle: true, generator, maxEpochs: 100_000 });
    });
    const updates = runs.map((r) => r.updates);
    return {
      margin,
      data,
      novikoff,
      converged: runs.every((r) => r.converged),
      maxUpdates: Math.max(...updates),
      meanUpdates: updates.reduce((a, b) => a + b, 0) / updates.length,
      firstRun: runs[0]!,
    };
  });
  const holds = rows.every((r) => r.converged && r.maxUpdates <= r.novikoff.bound);

  ctx.progress(s.margins.length / (s.margins.length + 1), 'non-separable');
  const reference = rows[Math.floor(rows.length / 2)]!;
  const noisy = withFlippedLabels(reference.data.y.data, FLIPPED, ctx.generator);
  const noisyRun = new Perceptron(s.dim).fit(reference.data.x, noisy, {
    shuffle: true,
    generator: new Generator(ctx.seed),
    maxEpochs: s.noisyEpochs,
  });
  const fewestUpdates = Math.min(...noisyRun.updatesPerEpoch);
  const fewestMistakes = Math.min(...noisyRun.mistakesPerEpoch);
  ctx.progress(1);

  const tightest = rows.reduce((a, r) => (r.maxUpdates / r.novikoff.bound > a.maxUpdates / a.novikoff.bound ? r : a));
  return {
    verdicts: [
      {
        claim: 'On linearly separable data the perceptron stops after at most (R/γ)² updates, in any order',
        measured: rows
          .map((r) => `γ=${r.margin}: ≤ ${r.maxUpdates} updates vs (R/γ)² = ${fmt(r.novikoff.bound)}`)
          .join('; '),
        chapter: 'Theorem 1 (Novikoff): finitely many updates, at most (R/γ)²',
        pass: holds,
      },
      {
        claim: 'On non-separable data the perceptron never settles',
        measured: `5% labels flipped: every one of ${noisyRun.epochs} epochs made ≥ ${fewestUpdates} updates, ≥ ${fewestMistakes} training mistakes`,
        chapter: 'convergence needs linear separability',
        pass: !noisyRun.converged && fewestUpdates > 0 && fewestMistakes > 0,
      },
    ],
    metrics: {
      ...Object.fromEntries(
        rows.flatMap((r) => [
          [`maxUpdates_gamma${r.margin}`, r.maxUpdates],
          [`bound_gamma${r.margin}`, r.novikoff.bound],
        ]),
      ),
      largestShareOfBound: tightest.maxUpdates / tightest.novikoff.bound,
      nonSeparableFewestUpdatesPerEpoch: fewestUpdates,
      nonSeparableFewestMistakesPerEpoch: fewestMistakes,
    },
    figures: [
      {
        kind: 'line',
        title: 'Updates until convergence against the margin γ (20 orderings)',
        xLabel: 'margin γ of the generated data',
        yLabel: 'updates',
        logX: true,
        logY: true,
        series: [
          { name: 'bound (R/γ*)²', x: s.margins, y: rows.map((r) => r.novikoff.bound) },
          { name: 'most updates', x: s.margins, y: rows.map((r) => r.maxUpdates) },
          { name: 'mean updates', x: s.margins, y: rows.map((r) => r.meanUpdates) },
        ],
      },
      {
        kind: 'line',
        title: 'Updates per epoch: separable vs 5% flipped labels',
        xLabel: 'epoch',
        yLabel: 'updates in the epoch',
        series: [
          {
            name: `separable (γ=${reference.margin})`,
            x: oneTo(reference.firstRun.epochs),
            y: reference.firstRun.updatesPerEpoch,
          },
          { name: 'non-separable', x: oneTo(noisyRun.epochs), y: noisyRun.updatesPerEpoch },
        ],
      },
      separatorFigure(ctx.seed),
    ],
    settings: {
      samples: s.n,
      dim: s.dim,
      margins: s.margins,
      orderings: s.orderings,
      lr: 1,
      bias: true,
      flippedLabels: FLIPPED,
      nonSeparableEpochs: s.noisyEpochs,
    },
  };
}

/** The labels with a share of them negated, chosen by the generator. */
function withFlippedLabels(labels: ArrayLike<number>, share: number, generator: Generator) {
  return tensor(Array.from(labels, (v) => (generator.random() < share ? -v : v)));
}

/** A 2-D example: the perceptron's separator and the max-margin one, drawn as lines of points. */
function separatorFigure(seed: number): Figure {
  const margin = 0.1;
  const data = makeLinearlySeparable({ n: 200, dim: 2, margin, seed });
  const perceptron = new Perceptron(2);
  perceptron.fit(data.x, data.y, { maxEpochs: 1000 });
  const best = novikoffBound(data.x, data.y, { bias: true });
  const side = (label: number): Series => {
    const points: Series = { name: `y = ${label > 0 ? '+1' : '−1'}`, x: [], y: [] };
    data.y.data.forEach((v, i) => {
      if (v !== label) return;
      points.x.push(data.x.data[2 * i]!);
      points.y.push(data.x.data[2 * i + 1]!);
    });
    return points;
  };
  const { w, b } = perceptron.parameterValues();
  return {
    kind: 'scatter',
    title: `Two separators of the same data (γ = ${margin})`,
    xLabel: 'x₁',
    yLabel: 'x₂',
    series: [
      side(1),
      side(-1),
      boundary('perceptron', w[0]!, w[1]!, b),
      boundary('max margin', best.w.data[0]!, best.w.data[1]!, best.b),
    ],
  };
}

/** Points of the line w₀x₁ + w₁x₂ + b = 0 inside the unit square [−1, 1]². */
function boundary(name: string, w0: number, w1: number, b: number): Series {
  const line = Array.from({ length: 41 }, (_, k) => -1 + k / 20);
  const steep = Math.abs(w1) < Math.abs(w0);
  const along = line.map((t) => (steep ? -(w1 * t + b) / w0 : -(w0 * t + b) / w1));
  const keep = along.map((v) => Math.abs(v) <= 1);
  const pick = (values: number[]) => values.filter((_, k) => keep[k]);
  return steep ? { name, x: pick(along), y: pick(line) } : { name, x: pick(line), y: pick(along) };
}

export const perceptronConvergenceExperiment: PerceptronExperiment = {
  id: 'perceptron-convergence',
  section: '6.1.1',
  title: 'The perceptron convergence theorem',
  claim: 'On linearly separable data the perceptron makes at most (R/γ)² updates; otherwise it never settles',
  run: perceptronConvergence,
};
