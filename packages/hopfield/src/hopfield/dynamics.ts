import type { Generator } from '@shinkei/core-tensor';

/** Update schedule: one unit at a time (asynchronous) or all units at once (synchronous). */
export type UpdateMode = 'async' | 'sync';

/** Order in which an asynchronous sweep visits the units. */
export type SweepOrder = 'random' | 'sequential';

export interface DynamicsSettings {
  mode: UpdateMode;
  maxSweeps: number;
  order: SweepOrder;
  generator: Generator;
  /** Record the energy after every single flip (asynchronous mode). */
  traceFlips: boolean;
  /** Keep a copy of the state after every sweep. */
  recordStates: boolean;
}

export interface DynamicsTrace {
  /** Sweeps run, counting the last one that found no unit to change. */
  sweeps: number;
  /** The state is a fixed point: a full sweep changed nothing. */
  converged: boolean;
  /** Synchronous updates fell into a 2-cycle x → x' → x (they may; asynchronous ones cannot). */
  limitCycle: boolean;
  /** E before the first sweep and after each sweep. */
  energies: number[];
  /** E after each single flip, when traced. */
  flipEnergies: number[];
  /** Units flipped in total. */
  flips: number;
  /** State after each sweep, when recorded (the initial state first). */
  states: Float64Array[];
}

/** E(x) = −½ Σᵢⱼ wᵢⱼxᵢxⱼ + Σᵢ θᵢxᵢ for a row-major N×N W. */
export function energyOf(weights: Float64Array, thresholds: Float64Array, state: Float64Array): number {
  const n = state.length;
  let quadratic = 0;
  let linear = 0;
  for (let i = 0; i < n; i++) {
    let field = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) field += weights[row + j]! * state[j]!;
    quadratic += state[i]! * field;
    linear += thresholds[i]! * state[i]!;
  }
  return -0.5 * quadratic + linear;
}

/** Fields within this fraction of Σⱼ|wᵢⱼ| + |θᵢ| of zero are ties: rounding cannot flip a unit. */
const TIE_TOLERANCE = 1e-10;

/**
 * Per unit, the size below which a drive hᵢ − θᵢ counts as exactly 0 (a tie keeps the state):
 * τᵢ = 10⁻¹⁰·(Σⱼ|wᵢⱼ| + |θᵢ|), far above the rounding error of incrementally kept fields and far
 * below any real drive.
 */
export function tieTolerances(weights: Float64Array, thresholds: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let scale = Math.abs(thresholds[i]!);
    for (let j = 0; j < n; j++) scale += Math.abs(weights[i * n + j]!);
    out[i] = TIE_TOLERANCE * scale;
  }
  return out;
}

/** sgn(drive) with ties (|drive| ≤ tolerance) keeping the current state. */
export function updatedSpin(drive: number, tolerance: number, current: number): number {
  return drive > tolerance ? 1 : drive < -tolerance ? -1 : current;
}

/** Local fields hᵢ = Σⱼ wᵢⱼxⱼ into `out`. */
export function localFields(weights: Float64Array, state: Float64Array, out: Float64Array): Float64Array {
  const n = state.length;
  for (let i = 0; i < n; i++) {
    let field = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) field += weights[row + j]! * state[j]!;
    out[i] = field;
  }
  return out;
}

/**
 * Run the Amari–Hopfield dynamics xᵢ ← sgn(Σⱼ wᵢⱼxⱼ − θᵢ) on `state` in place, with sgn(0)
 * keeping the current value (a drive within rounding error of 0 is a tie, see `tieTolerances`). Asynchronous sweeps keep the local fields up to date after
 * each flip (O(N) per flip, O(N) per quiet sweep) and track the energy change of each flip,
 * ΔE = −Δxᵢ(hᵢ − wᵢᵢxᵢ − θᵢ) ≤ 0 for wᵢᵢ ≥ 0: the energy never increases. Synchronous
 * updates recompute all fields each step and may end in a 2-cycle instead.
 */
export function runDynamics(
  weights: Float64Array,
  thresholds: Float64Array,
  state: Float64Array,
  settings: DynamicsSettings,
): DynamicsTrace {
  const trace: DynamicsTrace = {
    sweeps: 0,
    converged: false,
    limitCycle: false,
    energies: [energyOf(weights, thresholds, state)],
    flipEnergies: [],
    flips: 0,
    states: settings.recordStates ? [Float64Array.from(state)] : [],
  };
  return settings.mode === 'async'
    ? asynchronous(weights, thresholds, state, settings, trace)
    : synchronous(weights, thresholds, state, settings, trace);
}

function asynchronous(
  weights: Float64Array,
  thresholds: Float64Array,
  state: Float64Array,
  settings: DynamicsSettings,
  trace: DynamicsTrace,
): DynamicsTrace {
  const n = state.length;
  const fields = localFields(weights, state, new Float64Array(n));
  const tolerances = tieTolerances(weights, thresholds, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let energy = trace.energies[0]!;
  while (trace.sweeps < settings.maxSweeps) {
    if (settings.order === 'random') shuffle(order, settings.generator);
    let flipsThisSweep = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const drive = fields[i]! - thresholds[i]!;
      const current = state[i]!;
      const next = updatedSpin(drive, tolerances[i]!, current);
      if (next === current) continue;
      const change = next - current;
      const row = i * n;
      energy -= change * (drive - weights[row + i]! * current);
      state[i] = next;
      for (let j = 0; j < n; j++) fields[j]! += weights[row + j]! * change;
      flipsThisSweep++;
      if (settings.traceFlips) trace.flipEnergies.push(energy);
    }
    trace.sweeps++;
    trace.flips += flipsThisSweep;
    trace.energies.push(energy);
    if (settings.recordStates) trace.states.push(Float64Array.from(state));
    if (flipsThisSweep === 0) {
      trace.converged = true;
      break;
    }
  }
  return trace;
}

function synchronous(
  weights: Float64Array,
  thresholds: Float64Array,
  state: Float64Array,
  settings: DynamicsSettings,
  trace: DynamicsTrace,
): DynamicsTrace {
  const n = state.length;
  const fields = new Float64Array(n);
  const tolerances = tieTolerances(weights, thresholds, n);
  let previous = Float64Array.from(state);
  while (trace.sweeps < settings.maxSweeps) {
    localFields(weights, state, fields);
    const before = Float64Array.from(state);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const drive = fields[i]! - thresholds[i]!;
      const next = updatedSpin(drive, tolerances[i]!, state[i]!);
      if (next !== state[i]) changed++;
      state[i] = next;
    }
    trace.sweeps++;
    trace.flips += changed;
    trace.energies.push(energyOf(weights, thresholds, state));
    if (settings.recordStates) trace.states.push(Float64Array.from(state));
    if (changed === 0) {
      trace.converged = true;
      break;
    }
    if (trace.sweeps > 1 && sameState(state, previous)) {
      trace.limitCycle = true;
      break;
    }
    previous = before;
  }
  return trace;
}

function sameState(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Fisher–Yates shuffle in place with the seeded generator. */
export function shuffle(values: Int32Array, generator: Generator): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = generator.randint(0, i + 1);
    const tmp = values[i]!;
    values[i] = values[j]!;
    values[j] = tmp;
  }
}
