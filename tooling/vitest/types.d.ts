// Type declarations for the shared matchers: add "@shinkei/vitest-config/types" to a
// package tsconfig's "types" so `expect(x).toBeAllClose(...)` type-checks in its tests.
import type { AllCloseOptions } from './src/matchers.js';

declare module 'vitest' {
  interface Matchers<T = any> {
    toBeAllClose(expected: unknown, options?: AllCloseOptions): T;
  }
}
