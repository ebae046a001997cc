import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version of an installed package, read from its package.json. */
export function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}
