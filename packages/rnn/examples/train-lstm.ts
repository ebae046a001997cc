import { Generator, nn, optim, type Tensor } from '@shinkei/core-tensor';
import { addingProblem, LSTM } from '@shinkei/rnn';

const generator = new Generator(0);
const lstm = new LSTM(2, 16, { forgetBias: 1, generator }); // reads [T, B, 2]: a value and a marker per step
const readout = new nn.Linear(16, 1, { generator });
const predict = (x: Tensor): Tensor => readout.call(lstm.call(x)[1]).reshape([-1]); // ŷ = W h_T + b
const parameters = [...lstm.parameters(), ...readout.parameters()];
const optimizer = new optim.Adam(parameters, { lr: 1e-2 });
for (let step = 0; step < 600; step++) {
  const { inputs, targets } = addingProblem(20, 32, { generator }); // target: the sum of the two marked values
  optimizer.zeroGrad();
  predict(inputs).sub(targets).square().mean().backward(); // the MSE, backpropagated through time
  optim.clipGradNorm(parameters, 1);
  optimizer.step();
}
const test = addingProblem(20, 1000, { generator });
console.log(`test MSE ${predict(test.inputs).sub(test.targets).square().mean().item().toFixed(4)}`);
