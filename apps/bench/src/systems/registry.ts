import type { NodeSystem } from './node-system.js';

/** How the report names a system. */
export interface SystemLabel {
  id: string;
  label: string;
}

/** A system compared in the report. Node systems run in a child Node process each, Python ones in python3. */
export type SystemInfo =
  | (SystemLabel & { runner: 'node'; load: () => NodeSystem | Promise<NodeSystem> })
  | (SystemLabel & { runner: 'python'; threads: number | null });

/** The systems whose ratios every table shows, in this order. */
export const REFERENCES = [
  { id: 'torch', short: 'PyTorch' },
  { id: 'tfjs-cpu', short: 'tfjs-cpu' },
] as const;

/** Every system, in report order. Loaders import their library lazily, so a child process holds only its own. */
export const systems: readonly SystemInfo[] = [
  {
    id: 'shinkei-js',
    label: 'shinkei, js backend',
    runner: 'node',
    load: async () => (await import('./shinkei/eager.js')).shinkeiEager('js'),
  },
  {
    id: 'shinkei-ort',
    label: 'shinkei, ort backend',
    runner: 'node',
    load: async () => (await import('./shinkei/eager.js')).shinkeiEager('ort'),
  },
  {
    id: 'shinkei-static',
    label: 'shinkei, static graph',
    runner: 'node',
    load: async () => (await import('./shinkei/static-graph.js')).shinkeiStaticGraph(),
  },
  {
    id: 'tfjs-cpu',
    label: 'TensorFlow.js cpu',
    runner: 'node',
    load: async () => (await import('./tfjs/cpu.js')).tfjsCpu(),
  },
  {
    id: 'tfjs-wasm',
    label: 'TensorFlow.js wasm',
    runner: 'node',
    load: async () => (await import('./tfjs/wasm.js')).tfjsWasm(),
  },
  { id: 'torch', label: 'PyTorch (threads as configured)', runner: 'python', threads: null },
  { id: 'torch-1t', label: 'PyTorch (1 thread)', runner: 'python', threads: 1 },
];

/** Systems that cannot be installed here, with the reason (listed in the report, never measured). */
export const notInstallable = [
  {
    label: 'TensorFlow.js node (@tensorflow/tfjs-node)',
    reason:
      'cannot install offline: its install script downloads the libtensorflow binary from outside the npm registry',
  },
] as const;

export function systemById(id: string): SystemInfo {
  const system = systems.find((s) => s.id === id);
  if (system === undefined)
    throw new RangeError(`unknown system "${id}" (known: ${systems.map((s) => s.id).join(', ')})`);
  return system;
}
