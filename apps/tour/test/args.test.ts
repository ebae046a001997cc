import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTourArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/usage-error.js';
import { repoRoot, resolveOutDir } from '../src/paths.js';
import { reproduceCommand } from '../src/reproduce.js';

describe('parseTourArgs', () => {
  it('has defaults', () => {
    expect(parseTourArgs([])).toEqual({
      help: false,
      only: undefined,
      size: 'default',
      seed: 42,
      backend: 'js',
      out: undefined,
    });
  });

  it('reads every option', () => {
    const args = parseTourArgs([
      '--only',
      'hopfield,rnn',
      '--only',
      'cnn',
      '--quick',
      '--seed',
      '7',
      '--backend',
      'ort',
      '--out',
      'x',
    ]);
    expect(args).toMatchObject({ only: ['hopfield', 'rnn', 'cnn'], size: 'quick', seed: 7, backend: 'ort', out: 'x' });
    expect(parseTourArgs(['--full']).size).toBe('full');
    expect(parseTourArgs(['-h']).help).toBe(true);
  });

  it('skips the `--` pnpm may pass through', () => {
    expect(parseTourArgs(['--', '--quick']).size).toBe('quick');
  });

  it('rejects what it does not know, with a clear message', () => {
    expect(() => parseTourArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseTourArgs(['--fast'])).toThrow(/--fast/);
    expect(() => parseTourArgs(['perceptron'])).toThrow(UsageError);
    expect(() => parseTourArgs(['--quick', '--full'])).toThrow(/cannot be used together/);
    expect(() => parseTourArgs(['--seed', 'abc'])).toThrow(/--seed: expected a non-negative integer, got "abc"/);
    expect(() => parseTourArgs(['--seed', '-1'])).toThrow(UsageError);
    expect(() => parseTourArgs(['--seed', '1.5'])).toThrow(UsageError);
    expect(() => parseTourArgs(['--backend', 'gpu'])).toThrow(/--backend: expected js or ort, got "gpu"/);
    expect(() => parseTourArgs(['--only', ','])).toThrow(/at least one topic/);
  });
});

describe('paths', () => {
  it('puts the default report at the repository root, whatever the cwd', () => {
    expect(resolveOutDir(undefined, '/somewhere/else')).toBe(join(repoRoot, 'tour-report'));
    expect(join(repoRoot, 'apps', 'tour', 'package.json')).toBe(join(import.meta.dirname, '..', 'package.json'));
  });

  it('takes a relative --out from where the command was typed', () => {
    expect(resolveOutDir('report', '/home/me')).toBe('/home/me/report');
    expect(resolveOutDir('/tmp/r', '/home/me')).toBe('/tmp/r');
  });
});

describe('reproduceCommand', () => {
  it('repeats the seed, size and backend', () => {
    expect(reproduceCommand('hopfield', { seed: 42, size: 'default', backend: 'js' })).toBe(
      'pnpm start --only hopfield --seed 42',
    );
    expect(reproduceCommand('rnn', { seed: 1, size: 'full', backend: 'ort' })).toBe(
      'pnpm start --only rnn --seed 1 --full --backend ort',
    );
    expect(reproduceCommand('rnn', { seed: 1, size: 'quick', backend: 'js' })).toBe(
      'pnpm start --only rnn --seed 1 --quick',
    );
  });
});
