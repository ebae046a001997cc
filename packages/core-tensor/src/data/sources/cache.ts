import { nodeBuiltin } from '../../platform/node-builtin.js';

/** The folder shinkei caches downloaded packages in: $SHINKEI_CACHE, else ~/.cache/shinkei. */
export function shinkeiCacheDir(): string {
  const { homedir } = nodeBuiltin('os', 'shinkeiCacheDir');
  const { join } = nodeBuiltin('path', 'shinkeiCacheDir');
  const configured = process.env.SHINKEI_CACHE;
  return configured !== undefined && configured !== '' ? configured : join(homedir(), '.cache', 'shinkei');
}
