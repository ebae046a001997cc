import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseIds } from '../src/cases/registry.js';
import { parseBenchArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/usage-error.js';
import { repoRoot, resolveOutFile } from '../src/paths.js';

const parse = (argv: string[]) => parseBenchArgs(argv, caseIds);

describe('parseBenchArgs', () => {
  it('has defaults', () => {
    expect(parse([])).toEqual({ help: false, quick: false, only: undefined, out: undefined });
  });

  it('reads the options CI passes', () => {
    expect(parse(['--quick', '--only', 'gemm', '--out', '/tmp/x/BENCHMARKS.md'])).toEqual({
      help: false,
      quick: true,
      only: ['gemm'],
      out: '/tmp/x/BENCHMARKS.md',
    });
  });

  it('takes --only as a comma list, repeatable, and skips a leading -- from pnpm', () => {
    expect(parse(['--', '--only', 'gemm, mlp-train', '--only=cnn-infer']).only).toEqual([
      'gemm',
      'mlp-train',
      'cnn-infer',
    ]);
  });

  it('reads --help and -h', () => {
    expect(parse(['-h']).help).toBe(true);
    expect(parse(['--help']).help).toBe(true);
  });

  it('rejects unknown options, unknown cases, empty values and stray arguments', () => {
    expect(() => parse(['--fast'])).toThrow(UsageError);
    expect(() => parse(['--only', 'gemm,resnet'])).toThrow(/unknown case resnet/);
    expect(() => parse(['--only', ','])).toThrow(/at least one case/);
    expect(() => parse(['--out', ' '])).toThrow(/--out/);
    expect(() => parse(['gemm'])).toThrow(UsageError);
  });
});

describe('resolveOutFile', () => {
  it('writes BENCHMARKS.md at the repository root by default', () => {
    expect(resolveOutFile(undefined, '/somewhere')).toBe(join(repoRoot, 'BENCHMARKS.md'));
  });

  it('takes a relative --out from where the command was typed and keeps an absolute one', () => {
    expect(resolveOutFile('out/B.md', '/home/me')).toBe('/home/me/out/B.md');
    expect(resolveOutFile('/tmp/B.md', '/home/me')).toBe('/tmp/B.md');
  });
});
