import { experiments } from '@shinkei/perceptron/experiments';
import { defineTopic } from '../define-topic.js';

/**
 * §6.1.1–6.1.5: the single neuron, the perceptron, the MLP and backpropagation, dynamic and
 * static computational graphs (needs onnxruntime-node), optimizers and standard components.
 */
export const perceptron = defineTopic('perceptron', [...experiments]);
