import { makeLinearlySeparable } from '@shinkei/core-tensor/data';
import { novikoffBound, Perceptron } from '@shinkei/perceptron';

const { x, y } = makeLinearlySeparable({ n: 200, dim: 2, margin: 0.1, seed: 1 });
const perceptron = new Perceptron(2);
const history = perceptron.fit(x, y, { maxEpochs: 100 });
const { bound } = novikoffBound(x, y, { bias: true });
console.log(`${history.updates} updates, ${history.epochs} epochs; Novikoff: at most ${Math.floor(bound)}`);
console.log(`accuracy ${perceptron.score(x, y)}, w = [${perceptron.weight.toArray()}], b = ${perceptron.bias?.item()}`);
