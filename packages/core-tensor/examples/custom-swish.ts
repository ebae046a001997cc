import type { Tensor } from '@shinkei/core-tensor';
import { argmax, assertGradcheck, crossEntropy, manualSeed, randn, sub, zerosLike } from '@shinkei/core-tensor';
import { defineOp } from '@shinkei/core-tensor/custom';
import { makeMoons } from '@shinkei/core-tensor/data';
import { Linear, Module, Sequential } from '@shinkei/core-tensor/nn';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { Adam } from '@shinkei/core-tensor/optim';
import { OrtModel } from '@shinkei/core-tensor/ort';

// swish(x) = x·σ(x) in one pass over the data; swish′(x) = σ(x) + y·(1 − σ(x)) with y = swish(x)
const swishOp = defineOp({
  name: 'swish',
  forward: ([x]: [Tensor]) => {
    const y = zerosLike(x); // float32, or float64 under gradcheck
    const [xs, ys] = [x.data, y.data];
    for (let i = 0; i < xs.length; i++) ys[i] = xs[i]! / (1 + Math.exp(-xs[i]!));
    return y;
  },
  backward: ({ inputs: [x], output: y }, dy) => {
    const s = x.sigmoid(); // tensor ops, so this rule is itself differentiable
    return [dy.mul(s.add(y.mul(sub(1, s))))];
  },
  onnx: (g, [x]) => g.node('Mul', [x, g.node('Sigmoid', [x])[0]!])[0]!,
});
const swish = (x: Tensor): Tensor => swishOp.apply([x]);

manualSeed(0);
assertGradcheck(swish, [randn([4, 5])]); // the hand-written backward against finite differences

class Swish extends Module {
  forward(x: Tensor): Tensor {
    return swish(x);
  }
}
const { x, y } = makeMoons({ n: 200, noise: 0.1, seed: 0 });
const model = new Sequential(new Linear(2, 16), new Swish(), new Linear(16, 2));
const optimizer = new Adam(model.parameters(), { lr: 0.05 });
for (let step = 0; step < 200; step++) {
  const loss = crossEntropy(model.forward(x), y);
  optimizer.zeroGrad();
  loss.backward(); // runs swish's backward rule
  optimizer.step();
}
const accuracy = argmax(model.forward(x), 1).eq(y).float().mean().item();

// the onnx lowering makes the trained model exportable; ONNX Runtime gives the eager logits
const session = OrtModel.fromOnnx(exportOnnx(model, [x.slice(0, 0, 1)], { dynamicAxes: { input: { 0: 'batch' } } }));
const [logits] = session.runSync([x]);
const gap = logits!.sub(model.forward(x)).abs().amax().item();
console.log(
  `gradcheck ok, moons accuracy ${(100 * accuracy).toFixed(1)}%, ONNX Runtime vs eager: max |Δ| ${gap.toExponential(1)}`,
);
