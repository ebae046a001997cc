import { Generator, manualSeed } from '@shinkei/core-tensor';
import { ElmanCell } from '../cells/elman-cell.js';
import { GRUCell } from '../cells/gru-cell.js';
import { LSTMCell } from '../cells/lstm-cell.js';
import type { RecurrentCell } from '../cells/recurrent-cell.js';
import type { GradientThroughTime } from '../probes/gradient-through-time.js';
import { gradientThroughTime } from '../probes/gradient-through-time.js';
import type { ExperimentResult, RnnExperiment, RunOptions } from './types.js';
import { bySize, formatNumber } from './types.js';

const HIDDEN = 16;
const INPUTS = 2;

/** The cells compared, all with H = 16 and 2 inputs (as in the adding problem). */
function cells(generator: Generator): [string, RecurrentCell<any>][] {
  return [
    ['Elman (tanh)', new ElmanCell(INPUTS, HIDDEN, { generator })],
    ['Elman (tanh, orthogonal W_hh)', new ElmanCell(INPUTS, HIDDEN, { generator, recurrentInit: 'orthogonal' })],
    [
      'IRNN (ReLU, W_hh = I)',
      new ElmanCell(INPUTS, HIDDEN, { generator, activation: 'relu', recurrentInit: 'identity' }),
    ],
    ['LSTM', new LSTMCell(INPUTS, HIDDEN, { generator })],
    ['LSTM (forget bias 1)', new LSTMCell(INPUTS, HIDDEN, { generator, forgetBias: 1 })],
    ['LSTM (forget bias 3)', new LSTMCell(INPUTS, HIDDEN, { generator, forgetBias: 3 })],
    ['GRU', new GRUCell(INPUTS, HIDDEN, { generator })],
  ];
}

/** The factor by which the gradient shrinks per step back in time, (‖∂L/∂h₁‖/‖∂L/∂h_T‖)^(1/(T−1)). */
export function retentionPerStep(probe: GradientThroughTime): number {
  return probe.ratio ** (1 / (probe.steps.length - 1));
}

/**
 * §6.1.8, the vanishing gradient: at initialization, how much of ∂L/∂h_T reaches each
 * earlier step t of an unrolled Elman network, LSTM and GRU (L = Σ h_T, inputs U[0, 1]).
 */
export function runGradientFlow(options: RunOptions): ExperimentResult {
  const T = bySize(options.size, { quick: 50, default: 100, full: 200 });
  const batchSize = 16;
  manualSeed(options.seed);
  const generator = new Generator(options.seed);
  const compared = cells(generator);
  const probes = compared.map(([name, cell], i) => {
    const probe = gradientThroughTime(cell, T, { batchSize, generator: new Generator(options.seed + 1) });
    options.progress?.((i + 1) / compared.length, name);
    return { name, probe, retention: retentionPerStep(probe) };
  });
  const byName = new Map(probes.map((p) => [p.name, p]));
  const elman = byName.get('Elman (tanh)')!;
  const lstm = byName.get('LSTM (forget bias 1)')!;
  const metrics: Record<string, number> = {};
  for (const { name, probe, retention } of probes) {
    const key = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '');
    metrics[`ratio_${key}`] = probe.ratio;
    metrics[`retention_${key}`] = retention;
  }
  return {
    verdicts: [
      {
        claim: 'In the Elman network the gradient vanishes on its way back through time',
        measured: `‖∂L/∂h₁‖/‖∂L/∂h_${T}‖ = ${formatNumber(elman.probe.ratio)} (×${formatNumber(elman.retention)} per step)`,
        chapter: 'long-term dependencies suffer vanishing gradients',
        pass: elman.probe.ratio < 1e-6,
      },
      {
        claim: "The LSTM's additive cell state carries the gradient further back",
        measured: `×${formatNumber(lstm.retention)} per step (LSTM, forget bias 1) vs ×${formatNumber(elman.retention)} (Elman); ratio ${formatNumber(lstm.probe.ratio)} vs ${formatNumber(elman.probe.ratio)}`,
        chapter: 'the cell state propagates additively, so gradients hardly vanish',
        pass: lstm.retention > elman.retention && lstm.probe.ratio > 1e6 * elman.probe.ratio,
      },
    ],
    metrics,
    figures: [
      {
        kind: 'line',
        title: `‖∂L/∂hₜ‖ at initialization, L = Σ h_${T} (H = ${HIDDEN}, mean over ${batchSize} sequences)`,
        xLabel: 'time step t',
        yLabel: '‖∂L/∂hₜ‖',
        logY: true,
        series: probes.map(({ name, probe }) => ({ name, x: probe.steps, y: probe.hidden })),
      },
      {
        kind: 'bar',
        title: 'Gradient kept per step back in time, (‖∂L/∂h₁‖/‖∂L/∂h_T‖)^(1/(T−1))',
        yLabel: 'retention per step',
        bars: probes.map(({ name, retention }) => ({ label: name, value: retention })),
      },
    ],
    settings: { T, hiddenSize: HIDDEN, inputSize: INPUTS, batchSize, loss: 'Σ h_T / B', inputs: 'U[0, 1]' },
  };
}

/** The gradient-flow experiment as the tour registers it. */
export const gradientFlowExperiment: RnnExperiment = {
  id: 'gradient-flow',
  topic: 'rnn',
  section: '6.1.8',
  title: 'Gradient flow through time: Elman vs LSTM vs GRU',
  claim: "The Elman network's gradients vanish over long time lags; the LSTM's cell state preserves them",
  run: runGradientFlow,
};
