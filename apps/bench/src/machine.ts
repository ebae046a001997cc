import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

/** The SIMD and vector flags that decide GEMM and convolution speed, in the order the report lists them. */
export const VECTOR_FLAGS = [
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512bw',
  'avx512vl',
  'avx512_vnni',
  'avx512_bf16',
  'amx_tile',
] as const;

export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs this process may use. */
  cores: number;
  /** Of {@link VECTOR_FLAGS}, those the CPU has. */
  vectorFlags: string[];
  memoryGiB: number;
  os: string;
  node: string;
  /** 1, 5 and 15-minute load averages when the bench started. */
  loadAverage: number[];
}

/** Model name and flags of the first processor in /proc/cpuinfo text. */
export function parseCpuInfo(text: string): { model: string | undefined; flags: string[] } {
  const field = (name: string): string | undefined =>
    text
      .split('\n')
      .find((line) => line.startsWith(name))
      ?.split(':')
      .slice(1)
      .join(':')
      .trim();
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  return { model: field('model name'), flags: VECTOR_FLAGS.filter((flag) => flags.has(flag)) };
}

function readCpuInfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

/** What the report says about the machine. */
export function describeMachine(): MachineInfo {
  const { model, flags } = parseCpuInfo(readCpuInfo());
  return {
    cpuModel: model ?? cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    vectorFlags: flags,
    memoryGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage: loadavg(),
  };
}
