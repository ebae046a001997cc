import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';
import { build } from 'esbuild';

/** Node's built-in modules by bare name (`fs`, `events`, …), which `node:` names also reach. */
const NODE_BUILTINS = new Set(builtinModules);

/**
 * Fails the build on any import of a Node built-in (`node:fs`, or a bare `fs`, `events`, …),
 * naming the module and the file that imports it.
 */
const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (!path.startsWith('node:') && !NODE_BUILTINS.has(path.split('/')[0]!)) return undefined;
      return {
        errors: [{ text: `${path} is a Node built-in (imported by ${importer}); a browser bundle cannot load it` }],
      };
    });
  },
};

/**
 * Bundles `entry` for browsers as one ES module, from the packages' sources (the `source`
 * export condition). Rejects with esbuild's errors, e.g. when anything imports a Node built-in.
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    plugins: [refuseNodeBuiltins],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
