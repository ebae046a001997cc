import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** The bench's command line, parsed. */
export interface BenchArgs {
  help: boolean;
  /** Fewer warm-up and timed iterations (CI smoke run). */
  quick: boolean;
  /** Case names to run; undefined runs every case. */
  only: string[] | undefined;
  /** As given; undefined means BENCHMARKS.md at the repository root. */
  out: string | undefined;
}

/** The text printed by `--help` and after a usage error. */
export const usage = `Usage: pnpm bench [options]

Measures shinkei against TensorFlow.js, PyTorch (when python3 has torch) and ONNX Runtime
on one machine, prints the tables and writes them to BENCHMARKS.md.

Options:
  --only <case[,case]>  run only these cases (repeatable): gemm, mlp-train, cnn-train,
                        cnn-infer, lstm-train, gpt-train
  --quick               fewer warm-up and timed iterations (a smoke run, for CI)
  --out <file>          where to write the report (default: BENCHMARKS.md at the
                        repository root; a relative path is taken from where you typed
                        the command)
  -h, --help            show this help
`;

/** Parses the bench's arguments (without node and script); throws {@link UsageError} on anything unknown. */
export function parseBenchArgs(argv: readonly string[], knownCases: readonly string[]): BenchArgs {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const only = values.only
    ?.flatMap((list) => list.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (only !== undefined && only.length === 0) throw new UsageError('--only: expected at least one case name');
  const unknown = only?.filter((name) => !knownCases.includes(name)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(`--only: unknown case ${unknown.join(', ')} (known: ${knownCases.join(', ')})`);
  }
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out: expected a file path');
  return { help: values.help ?? false, quick: values.quick ?? false, only, out: values.out };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
