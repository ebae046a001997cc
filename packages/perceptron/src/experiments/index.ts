import { backpropAutodiffExperiment } from './backprop-autodiff.js';
import { dynamicStaticGraphsExperiment } from './dynamic-static-graphs.js';
import { mnistExperiment } from './mnist.js';
import { optimizersExperiment } from './optimizers.js';
import { perceptronConvergenceExperiment } from './perceptron-convergence.js';
import { singleNeuronModelsExperiment } from './single-neuron-models.js';
import { standardComponentsExperiment } from './standard-components.js';
import type { PerceptronExperiment } from './types.js';
import { vanishingGradientsExperiment } from './vanishing-gradients.js';

export { backpropAutodiff, backpropAutodiffExperiment } from './backprop-autodiff.js';
export { dynamicStaticGraphs, dynamicStaticGraphsExperiment } from './dynamic-static-graphs.js';
export { mnist, mnistExperiment } from './mnist.js';
export { optimizers, optimizersExperiment } from './optimizers.js';
export { perceptronConvergence, perceptronConvergenceExperiment } from './perceptron-convergence.js';
export { singleNeuronModels, singleNeuronModelsExperiment } from './single-neuron-models.js';
export { standardComponents, standardComponentsExperiment } from './standard-components.js';
export type { ExperimentOptions, PerceptronExperiment } from './types.js';
export { vanishingGradients, vanishingGradientsExperiment } from './vanishing-gradients.js';

/** The experiments of chapter 6.1.1–6.1.5, in chapter order. */
export const experiments: readonly PerceptronExperiment[] = [
  perceptronConvergenceExperiment,
  singleNeuronModelsExperiment,
  backpropAutodiffExperiment,
  dynamicStaticGraphsExperiment,
  vanishingGradientsExperiment,
  optimizersExperiment,
  standardComponentsExperiment,
  mnistExperiment,
];
