import { addingProblemExperiment } from './adding-problem.js';
import { charLanguageModelExperiment } from './char-language-model.js';
import { forecastingExperiment } from './forecasting.js';
import { gradientFlowExperiment } from './gradient-flow.js';
import type { RnnExperiment } from './types.js';

export type { AddingProblemSettings, AddingRun } from './adding-problem.js';
export {
  addingProblemExperiment,
  addingProblemSettings,
  runAddingProblem,
  runAddingProblemExperiment,
} from './adding-problem.js';
export type { CharLanguageModelSettings } from './char-language-model.js';
export { charLanguageModelExperiment, charLanguageModelSettings, runCharLanguageModel } from './char-language-model.js';
export { forecastingExperiment, runForecasting } from './forecasting.js';
export { gradientFlowExperiment, retentionPerStep, runGradientFlow } from './gradient-flow.js';
export type * from './types.js';
export { bySize, formatNumber } from './types.js';

/** Every experiment of §6.1.8, in the order the tour runs them. */
export const experiments: RnnExperiment[] = [
  gradientFlowExperiment,
  addingProblemExperiment,
  charLanguageModelExperiment,
  forecastingExperiment,
];
