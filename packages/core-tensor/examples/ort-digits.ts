import { argmax, crossEntropy, manualSeed } from '@shinkei/core-tensor';
import { loadDigits } from '@shinkei/core-tensor/data';
import { Linear, ReLU, Sequential } from '@shinkei/core-tensor/nn';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { Adam } from '@shinkei/core-tensor/optim';
import { OrtModel } from '@shinkei/core-tensor/ort';

manualSeed(0);
const train = loadDigits({ split: 'train', flatten: true });
const test = loadDigits({ split: 'test', flatten: true });
const model = new Sequential(new Linear(64, 64), new ReLU(), new Linear(64, 10));
const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
for (let epoch = 0; epoch < 200; epoch++) {
  const loss = crossEntropy(model.forward(train.x), train.y); // full-batch training
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
}
// define-then-run: trace the trained module into a static ONNX graph with a dynamic batch
const onnx = exportOnnx(model, [test.x.slice(0, 0, 1)], { dynamicAxes: { input: { 0: 'batch' } } });
const session = OrtModel.fromOnnx(onnx);
const [logits] = session.runSync([test.x]); // all 359 test images at once
const eager = argmax(model.forward(test.x), 1);
const ort = argmax(logits!, 1);
const same = ort.eq(eager).sum().item();
const accuracy = ort.eq(test.y).float().mean().item();
console.log(
  `ONNX Runtime: ${same}/${test.y.size} predictions equal eager, test accuracy ${(100 * accuracy).toFixed(1)}%`,
);
