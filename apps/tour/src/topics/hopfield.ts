import { experiments } from '@shinkei/hopfield/experiments';
import { defineTopic } from '../define-topic.js';

/** §6.1.6–6.1.7: Boltzmann machines, RBMs and DBNs; Amari–Hopfield associative memory and CDMA detection. */
export const hopfield = defineTopic('hopfield', [...experiments]);
