import { manualSeed, randn, tensor } from '@shinkei/core-tensor';
import { SGD } from '@shinkei/core-tensor/optim';

manualSeed(0);
const x = randn([100, 1]); // inputs
const noise = randn([100, 1]).mul(0.1);
const y = x.mul(3).add(2).add(noise); // targets: y = 3x + 2 + noise
const w = tensor([[0]], { requiresGrad: true });
const b = tensor([0], { requiresGrad: true });
const optimizer = new SGD([w, b], { lr: 0.1 });
for (let step = 0; step < 200; step++) {
  const loss = x.matmul(w).add(b).sub(y).square().mean(); // mean squared error
  optimizer.zeroGrad();
  loss.backward(); // reverse-mode autodiff fills w.grad and b.grad
  optimizer.step(); // θ ← θ − η ∇L
}
console.log(`w = ${w.item().toFixed(3)}, b = ${b.item().toFixed(3)}`); // w ≈ 3, b ≈ 2
