import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { caseIds } from './cases/registry.js';
import { parseBenchArgs, usage } from './cli/args.js';
import { UsageError } from './cli/usage-error.js';
import { resolveOutFile } from './paths.js';
import { renderMarkdown } from './report/markdown.js';
import { runBench } from './run/bench.js';

/** The `pnpm bench` entry point: parses the command line, runs the bench, prints and writes the report. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(argv, caseIds);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  const outFile = resolveOutFile(args.out, process.env.INIT_CWD ?? process.cwd());
  const command = `pnpm bench${args.quick ? ' --quick' : ''}${args.only ? ` --only ${args.only.join(',')}` : ''}`;
  const report = await runBench({
    quick: args.quick,
    only: args.only,
    command,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const markdown = renderMarkdown(report);
  process.stdout.write(`${markdown}\n`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, markdown);
  process.stderr.write(`wrote ${outFile}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
