import type { Topic } from '../experiment.js';
import { hopfield } from './hopfield.js';
import { perceptron } from './perceptron.js';
import { rnn } from './rnn.js';

/**
 * Every topic the tour runs, in chapter order. A topic registers by a plain import: write
 * `src/topics/<name>.ts` exporting a Topic (see `defineTopic`), import it here and add it
 * to the list.
 */
export const topics: Topic[] = [perceptron, hopfield, rnn];
