import type { ExperimentResult, FigureKind } from './experiment.js';

const figureKinds: readonly FigureKind[] = ['line', 'scatter', 'bar', 'images', 'heatmap', 'text'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/**
 * Checks that run() returned an ExperimentResult (verdicts, numeric metrics, figures of a
 * known kind, settings) and throws with what was expected and what was given otherwise.
 */
export function checkResult(value: unknown): ExperimentResult {
  if (!isRecord(value)) throw new Error(`run() must return an ExperimentResult object, got ${describe(value)}`);
  const { verdicts, metrics, figures, settings } = value;
  if (!Array.isArray(verdicts)) throw new Error(`result.verdicts must be an array, got ${describe(verdicts)}`);
  verdicts.forEach((v, i) => {
    if (!isRecord(v)) throw new Error(`result.verdicts[${i}] must be an object, got ${describe(v)}`);
    for (const key of ['claim', 'measured', 'chapter'] as const) {
      if (typeof v[key] !== 'string')
        throw new Error(`result.verdicts[${i}].${key} must be a string, got ${describe(v[key])}`);
    }
    if (typeof v.pass !== 'boolean')
      throw new Error(`result.verdicts[${i}].pass must be a boolean, got ${describe(v.pass)}`);
  });
  if (!isRecord(metrics)) throw new Error(`result.metrics must be an object of numbers, got ${describe(metrics)}`);
  for (const [name, metric] of Object.entries(metrics)) {
    if (typeof metric !== 'number') throw new Error(`result.metrics.${name} must be a number, got ${describe(metric)}`);
  }
  if (!Array.isArray(figures)) throw new Error(`result.figures must be an array, got ${describe(figures)}`);
  figures.forEach((f, i) => {
    if (!isRecord(f) || !figureKinds.includes(f.kind as FigureKind)) {
      throw new Error(
        `result.figures[${i}].kind must be one of ${figureKinds.join(', ')}, got ${describe(isRecord(f) ? f.kind : f)}`,
      );
    }
  });
  if (!isRecord(settings)) throw new Error(`result.settings must be an object, got ${describe(settings)}`);
  return value as unknown as ExperimentResult;
}
