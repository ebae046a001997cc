import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: three levels above this file (apps/bench/src). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Where the report goes: BENCHMARKS.md at the repository root by default (whatever the
 * working directory, which pnpm sets to apps/bench); a relative `--out` is taken from
 * where the user typed the command (pnpm's INIT_CWD).
 */
export function resolveOutFile(out: string | undefined, invocationDir: string): string {
  return out === undefined ? join(repoRoot, 'BENCHMARKS.md') : resolve(invocationDir, out);
}
