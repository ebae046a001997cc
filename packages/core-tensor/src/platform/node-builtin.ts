/** The Node built-ins that core-tensor's Node-only functions use, by bare name (type-only imports, erased at build). */
export interface NodeBuiltins {
  child_process: typeof import('node:child_process');
  crypto: typeof import('node:crypto');
  fs: typeof import('node:fs');
  module: typeof import('node:module');
  os: typeof import('node:os');
  path: typeof import('node:path');
  process: typeof import('node:process');
  url: typeof import('node:url');
  zlib: typeof import('node:zlib');
}

/** What each built-in is for, named in the error when it is missing. */
const PURPOSE: Record<keyof NodeBuiltins, string> = {
  child_process: 'running programs',
  crypto: 'hashing',
  fs: 'files',
  module: 'require',
  os: 'the home folder',
  path: 'file paths',
  process: 'the terminal',
  url: 'file URLs',
  zlib: 'gzip',
};

/** `process.getBuiltinModule` (Node ≥ 20.16), looked up without assuming a `process` global. */
type GetBuiltinModule = <Name extends keyof NodeBuiltins>(id: `node:${Name}`) => NodeBuiltins[Name];

/**
 * The Node built-in `node:<name>`, fetched synchronously at the point of use through
 * `process.getBuiltinModule` (Node ≥ 20.16), so that modules which call it bundle for browsers
 * with no Node built-in in their import graph. Where there is no such function (a browser,
 * an older Node) it throws an Error that names `feature`, the built-in it needs, the Node
 * version that has it, and `hint` (what to do instead) when given.
 *
 * ```ts
 * const { readFileSync } = nodeBuiltin('fs', 'loadDigits');
 * ```
 */
export function nodeBuiltin<Name extends keyof NodeBuiltins>(
  name: Name,
  feature: string,
  hint?: string,
): NodeBuiltins[Name] {
  const { process } = globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } };
  if (typeof process?.getBuiltinModule !== 'function') {
    throw new Error(
      `${feature} needs node:${name} (${PURPOSE[name]}), which this runtime does not have: it runs on Node.js ≥ 20.16` +
        (hint === undefined ? '' : `. ${hint}`),
    );
  }
  return process.getBuiltinModule<Name>(`node:${name}`);
}
