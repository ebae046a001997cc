import { useBackend } from '@shinkei/core-tensor/ort';
import { parseTourArgs, usage } from './cli/args.js';
import { UsageError } from './cli/usage-error.js';
import { resolveOutDir } from './paths.js';
import { topics } from './topics/index.js';
import { runTour } from './tour.js';

/** The `pnpm start` entry point: parses the command line, runs the tour, returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseTourArgs(argv);
    if (args.help) {
      process.stdout.write(usage);
      return 0;
    }
    const outDir = resolveOutDir(args.out, process.env.INIT_CWD ?? process.cwd());
    // the backend in effect: 'ort' falls back to 'js' (with one warning) without onnxruntime-node
    const backend = args.backend === 'js' ? 'js' : useBackend(args.backend);
    const outcome = await runTour({ size: args.size, seed: args.seed, backend, outDir, only: args.only }, topics);
    return outcome.exitCode;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${usage}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
