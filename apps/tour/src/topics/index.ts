import type { Topic } from '../experiment.js';

/**
 * Every topic the tour runs, in chapter order. A topic package registers by a plain
 * import here, e.g. `import { perceptron } from './perceptron.js';` and an entry in the list.
 */
export const topics: Topic[] = [];
