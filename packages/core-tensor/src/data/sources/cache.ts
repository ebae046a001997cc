import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder shinkei caches downloaded packages in: $SHINKEI_CACHE, else ~/.cache/shinkei. */
export function shinkeiCacheDir(): string {
  const configured = process.env.SHINKEI_CACHE;
  return configured !== undefined && configured !== '' ? configured : join(homedir(), '.cache', 'shinkei');
}
