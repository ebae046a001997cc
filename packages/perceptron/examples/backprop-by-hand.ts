import { Generator, randint, randn } from '@shinkei/core-tensor';
import { ManualMLP, MLP } from '@shinkei/perceptron';

const generator = new Generator(0);
const mlp = new MLP({ sizes: [4, 16, 16, 3], activation: 'tanh', dtype: 'float64', generator });
const manual = new ManualMLP(mlp); // the same weights, backward written from the δ equations
const x = randn([8, 4], { dtype: 'float64', generator });
const y = randint(0, 3, [8], { generator });
mlp.loss(x, y).backward(); // autograd
const byHand = manual.gradients(x, y);
const gap = byHand.weights[0]!.sub(mlp.linears[0]!.weight.grad!).abs().amax().item();
console.log(`loss ${byHand.loss.toFixed(4)}; max |∇W¹ by hand − by autograd| = ${gap.toExponential(1)}`);
