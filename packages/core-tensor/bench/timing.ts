/** Milliseconds per call: the median and best repetition, and the median CPU time of this process. */
export interface CallTiming {
  median: number;
  best: number;
  cpu: number;
}

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
}

const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;

/**
 * Time `fn` after warm-up (≥ `warmupMs` and ≥ 3 calls, so V8 reaches its optimizing tier
 * and ONNX Runtime has built its sessions). Each of `reps` repetitions loops enough calls
 * to last ≥ `repMs`. On a shared machine other processes only ever slow a repetition down,
 * so the best repetition is reported next to the median.
 */
export function timeCalls(fn: () => void, { warmupMs = 300, reps = 9, repMs = 40 } = {}): CallTiming {
  const warmEnd = performance.now() + warmupMs;
  for (let calls = 0; calls < 3 || performance.now() < warmEnd; calls++) fn();
  const t0 = performance.now();
  fn();
  const inner = Math.max(1, Math.ceil(repMs / Math.max(performance.now() - t0, 1e-3)));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    const cpuStart = cpuMilliseconds();
    for (let i = 0; i < inner; i++) fn();
    wall.push((performance.now() - start) / inner);
    cpu.push((cpuMilliseconds() - cpuStart) / inner);
  }
  return { median: median(wall), best: Math.min(...wall), cpu: median(cpu) };
}
