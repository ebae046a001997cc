import { experiments } from '@shinkei/rnn/experiments';
import { defineTopic } from '../define-topic.js';

/** §6.1.8: Elman networks, LSTM and GRU — vanishing gradients, the adding problem, a character language model, forecasting. */
export const rnn = defineTopic('rnn', [...experiments]);
