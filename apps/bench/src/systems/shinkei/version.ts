import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version of an installed package, read from its package.json. */
export function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The shinkei packages the bench measures, with their versions. */
export function shinkeiVersions(): string {
  return ['@shinkei/core-tensor', '@shinkei/rnn'].map((name) => `${name} ${packageVersion(name)}`).join(', ');
}
