import { crossEntropy, manualSeed } from '@shinkei/core-tensor';
import { DataLoader, loadDigits, TensorDataset } from '@shinkei/core-tensor/data';
import { Linear, ReLU, Sequential } from '@shinkei/core-tensor/nn';
import { Adam } from '@shinkei/core-tensor/optim';
import { compileValueAndGrad } from '@shinkei/core-tensor/ort';

manualSeed(0);
const train = loadDigits({ split: 'train', flatten: true });
const test = loadDigits({ split: 'test', flatten: true });
const model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
const optimizer = new Adam(model.parameters(), { lr: 3e-3 });
const loader = new DataLoader({ dataset: new TensorDataset(train.x, train.y), batchSize: 64, shuffle: true });
// define-then-run: forward and backward traced into one static graph, run by ONNX Runtime
const valueAndGrad = compileValueAndGrad(model, (x, y) => crossEntropy(model.forward(x), y));
for (let epoch = 0; epoch < 20; epoch++) {
  for (const [x, y] of loader) {
    optimizer.zeroGrad();
    valueAndGrad(x!, y!); // fills every parameter's .grad, as loss.backward() would
    optimizer.step();
  }
}
const accuracy = model.forward(test.x).argmax(1).eq(test.y).float().mean().item();
console.log(
  `${valueAndGrad.graphs} static graphs (full and last batch), test accuracy ${(100 * accuracy).toFixed(1)}%`,
);
