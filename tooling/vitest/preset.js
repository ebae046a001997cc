// Shared vitest preset. Plain JS so that any package's vitest.config.ts can import it
// without a TypeScript loader. Packages resolve workspace imports through the `source`
// export condition, so tests run against src/ without a build step.
import { fileURLToPath } from 'node:url';

const setupFile = fileURLToPath(new URL('./src/setup.ts', import.meta.url));

/** @param {{ testTimeout?: number }} [options] */
export function shinkeiPreset(options = {}) {
  return {
    resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] } },
    test: {
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      setupFiles: [setupFile],
      testTimeout: options.testTimeout ?? 60_000,
      pool: 'forks',
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    },
  };
}
