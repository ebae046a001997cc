import { parseArgs } from 'node:util';
import type { Backend, Size } from '../experiment.js';
import { UsageError } from './usage-error.js';

/** The tour's command line, parsed. */
export interface TourArgs {
  help: boolean;
  only: string[] | undefined;
  size: Size;
  seed: number;
  backend: Backend;
  /** As given; undefined means the default `tour-report` at the repo root. */
  out: string | undefined;
}

/** The text printed by `--help` and after a usage error. */
export const usage = `Usage: pnpm start [options]

Runs the chapter's experiments, prints a verdict per claim and writes an HTML report.

Options:
  --only <topic[,topic]>  run only these topics (repeatable)
  --quick                 smoke-test sizes: seconds per topic
  --full                  paper-size runs: full data sets, larger networks, more steps
  --out <dir>             where to write index.html and results.json
                          (default: tour-report/ at the repository root)
  --seed <n>              seed of every experiment (default: 42)
  --backend <js|ort>      compute backend (default: js)
  -h, --help              show this help
`;

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 42;
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed: expected a non-negative integer, got "${text}"`);
  }
  return seed;
}

function parseBackend(text: string | undefined): Backend {
  if (text === undefined || text === 'js' || text === 'ort') return text ?? 'js';
  throw new UsageError(`--backend: expected js or ort, got "${text}"`);
}

/** Parses the tour's arguments (without node and script); throws {@link UsageError} on anything unknown. */
export function parseTourArgs(argv: readonly string[]): TourArgs {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.quick && values.full) throw new UsageError('--quick and --full cannot be used together');
  const only = values.only
    ?.flatMap((list) => list.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (values.only && only?.length === 0) throw new UsageError('--only: expected at least one topic name');
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out: expected a directory');
  return {
    help: values.help === true,
    only,
    size: values.quick ? 'quick' : values.full ? 'full' : 'default',
    seed: parseSeed(values.seed),
    backend: parseBackend(values.backend),
    out: values.out,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      out: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
