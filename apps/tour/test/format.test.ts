import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/format.js';

describe('formatDuration', () => {
  it('rounds before splitting minutes and seconds', () => {
    expect(formatDuration(179_600)).toBe('3 min 00 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(850)).toBe('850 ms');
  });
});
