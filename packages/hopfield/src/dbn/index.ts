export type { ClassifierTrainOptions } from './classifier.js';
export { classificationAccuracy, softmaxClassifier, trainClassifier } from './classifier.js';
export type { DbnPretrainOptions, DbnSampleOptions } from './dbn.js';
export { DBN } from './dbn.js';
