/**
 * Training steps on the `js` and `ort` backends against PyTorch's CPU time in the same run:
 * the 784-256-256-10 MLP Adam step at batch 128 and the LeNet-size CNN step at batch 64
 * (conv 5×5 1→32, ReLU, max-pool 2, conv 5×5 32→64, ReLU, max-pool 2, dense → 10), and
 * CNN inference of the exported model through OrtModel.
 *
 *   npx tsx --conditions=source packages/core-tensor/bench/backends.ts [--threads n] [--skip-js]
 *
 * PyTorch runs bench/backends_torch.py when `/usr/bin/python3 -c 'import torch'` works.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Tensor } from '@shinkei/core-tensor';
import { manualSeed, noGrad, randint, randn } from '@shinkei/core-tensor';
import type { Module } from '@shinkei/core-tensor/nn';
import { Conv2d, CrossEntropyLoss, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@shinkei/core-tensor/nn';
import { Adam } from '@shinkei/core-tensor/optim';
import { compileValueAndGrad, loadOrt, OrtModel } from '@shinkei/core-tensor/ort';
import type { BackendName } from '../src/backend/index.js';
import { useBackend } from '../src/backend/index.js';
import type { CallTiming } from './timing.js';
import { timeCalls } from './timing.js';

const { values: args } = parseArgs({
  options: { threads: { type: 'string' }, 'skip-js': { type: 'boolean', default: false } },
});
const threads = args.threads === undefined ? undefined : Number(args.threads);

type Model = Module & { forward(x: Tensor): Tensor };

const mlp = (): Model =>
  new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 256), new ReLU(), new Linear(256, 10));
const cnn = (): Model =>
  new Sequential(
    new Conv2d(1, 32, 5),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(32, 64, 5),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(1024, 10),
  );

function trainingStep(model: Model, x: Tensor, y: Tensor): () => void {
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFn = new CrossEntropyLoss();
  return () => {
    optimizer.zeroGrad();
    lossFn.forward(model.forward(x), y).backward();
    optimizer.step();
  };
}

/** The same step with forward and backward compiled into one static graph (compileValueAndGrad), Adam in JS. */
function compiledStep(model: Model, x: Tensor, y: Tensor): () => void {
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFn = new CrossEntropyLoss();
  const valueAndGrad = compileValueAndGrad(model, (xs, ys) => lossFn.forward(model.forward(xs), ys), {
    session: threads === undefined ? {} : { intraOpNumThreads: threads },
  });
  return () => {
    optimizer.zeroGrad();
    valueAndGrad(x, y);
    optimizer.step();
  };
}

interface Row {
  label: string;
  timings: Partial<Record<BackendName | 'ortModel' | 'torch', CallTiming>>;
}

function benchSteps(backend: BackendName, rows: Row[]): void {
  if (useBackend(backend, { threads }) !== backend) return;
  manualSeed(0);
  const slow = backend === 'js';
  const options = slow ? { warmupMs: 0, reps: 5, repMs: 0 } : {};
  rows[0]!.timings[backend] = timeCalls(trainingStep(mlp(), randn([128, 784]), randint(0, 10, [128])), options);
  rows[1]!.timings[backend] = timeCalls(trainingStep(cnn(), randn([64, 1, 28, 28]), randint(0, 10, [64])), options);
  const model = cnn().eval();
  const x = randn([64, 1, 28, 28]);
  rows[2]!.timings[backend] = timeCalls(() => noGrad(() => model.forward(x)), options);
  useBackend('js');
}

function benchOrtModel(rows: Row[]): void {
  manualSeed(0);
  rows[0]!.timings.ortModel = timeCalls(compiledStep(mlp(), randn([128, 784]), randint(0, 10, [128])));
  rows[1]!.timings.ortModel = timeCalls(compiledStep(cnn(), randn([64, 1, 28, 28]), randint(0, 10, [64])));
  const x = randn([64, 1, 28, 28]);
  const exported = OrtModel.fromModule(cnn().eval(), [x], {
    session: threads === undefined ? {} : { intraOpNumThreads: threads },
  });
  rows[2]!.timings.ortModel = timeCalls(() => exported.runSync([x]));
}

interface TorchResult {
  version: string;
  threads: number;
  mlpStep: CallTiming;
  cnnStep: CallTiming;
  cnnInference: CallTiming;
}

function benchTorch(rows: Row[]): string {
  const python = '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import torch']).status !== 0)
    return 'PyTorch: skipped (no `import torch` in /usr/bin/python3)';
  const script = join(dirname(fileURLToPath(import.meta.url)), 'backends_torch.py');
  const run = spawnSync(python, [script], { encoding: 'utf8' });
  if (run.status !== 0) return `PyTorch: failed (${run.stderr.trim().split('\n').at(-1)})`;
  const torch = JSON.parse(run.stdout) as TorchResult;
  rows[0]!.timings.torch = torch.mlpStep;
  rows[1]!.timings.torch = torch.cnnStep;
  rows[2]!.timings.torch = torch.cnnInference;
  return `PyTorch ${torch.version} (${torch.threads} thread${torch.threads === 1 ? '' : 's'})`;
}

const rows: Row[] = [
  { label: 'MLP 784-256-256-10 Adam step, batch 128', timings: {} },
  { label: 'CNN (LeNet-size) Adam step, batch 64', timings: {} },
  { label: 'CNN inference, batch 64', timings: {} },
];
if (!args['skip-js']) benchSteps('js', rows);
benchSteps('ort', rows);
benchOrtModel(rows);
const torchNote = benchTorch(rows);

const cell = (t: CallTiming | undefined): string =>
  (t === undefined ? '—' : `${t.median.toFixed(1)} / ${t.best.toFixed(1)} / ${t.cpu.toFixed(1)}`).padStart(24);
console.log(
  `${cpus()[0]?.model} × ${cpus().length}, Node ${process.version}, onnxruntime-node ${loadOrt().version}, ` +
    `ORT threads ${threads ?? 'default'}; ${torchNote}; load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log('ms per call: median wall / best repetition / median CPU time of the process');
console.log('static graph: training steps with compileValueAndGrad (Adam in JS), inference with OrtModel.fromModule\n');
console.log(
  `${''.padEnd(42)}${['js', 'ort', 'static graph', 'PyTorch'].map((h) => h.padStart(24)).join('')}  best/PyTorch`,
);
for (const { label, timings } of rows) {
  // the fastest shinkei path against PyTorch
  const ort = [timings.ort, timings.ortModel].reduce((a, b) =>
    b !== undefined && (a === undefined || b.median < a.median) ? b : a,
  );
  const ratio = ort && timings.torch ? `${(ort.median / timings.torch.median).toFixed(2)}×` : '—';
  console.log(
    `${label.padEnd(42)}${cell(timings.js)}${cell(timings.ort)}${cell(timings.ortModel)}${cell(timings.torch)}  ${ratio.padStart(11)}`,
  );
}
