export { accuracy } from './accuracy.js';
export { formatMetrics, formatSeconds } from './format-metrics.js';
export type { HistoryJSON } from './history.js';
export { History } from './history.js';
export type { ProgressBarOptions, ProgressMode } from './progress-bar.js';
export { defaultProgressMode, ProgressBar } from './progress-bar.js';
export { RunningMean } from './running-mean.js';
