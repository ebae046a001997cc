import { describe, expect, it } from 'vitest';
import { describeMachine, parseCpuInfo } from '../src/machine.js';

describe('parseCpuInfo', () => {
  it('reads the model name and the vector flags of the first processor', () => {
    const text = [
      'processor\t: 0',
      'model name\t: AMD EPYC 7B13 64-Core Processor',
      'flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw',
      '',
      'processor\t: 1',
      'model name\t: AMD EPYC 7B13 64-Core Processor',
    ].join('\n');
    expect(parseCpuInfo(text)).toEqual({
      model: 'AMD EPYC 7B13 64-Core Processor',
      flags: ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512bw'],
    });
  });

  it('copes with an empty /proc/cpuinfo (not Linux)', () => {
    expect(parseCpuInfo('')).toEqual({ model: undefined, flags: [] });
  });
});

describe('describeMachine', () => {
  it('names a CPU and counts at least one core', () => {
    const machine = describeMachine();
    expect(machine.cpuModel).not.toBe('');
    expect(machine.cores).toBeGreaterThanOrEqual(1);
    expect(machine.loadAverage).toHaveLength(3);
    expect(machine.node).toBe(process.version);
  });
});
