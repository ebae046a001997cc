import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJson } from './json.js';
import { renderReport } from './report/page.js';
import type { TourResults } from './results.js';

/** Writes `index.html` and `results.json` into `outDir` (created if missing) and returns their paths. */
export async function writeReport(
  results: TourResults,
  outDir: string,
): Promise<{ htmlPath: string; jsonPath: string }> {
  await mkdir(outDir, { recursive: true });
  const htmlPath = join(outDir, 'index.html');
  const jsonPath = join(outDir, 'results.json');
  await writeFile(htmlPath, renderReport(results), 'utf8');
  await writeFile(jsonPath, `${toJson(results)}\n`, 'utf8');
  return { htmlPath, jsonPath };
}
