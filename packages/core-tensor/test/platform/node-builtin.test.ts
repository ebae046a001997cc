import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { nodeBuiltin } from '../../src/platform/node-builtin.js';

/** The error nodeBuiltin throws while `process` is `host` (undefined: a browser). */
function errorWith(host: object | undefined, run: () => unknown): unknown {
  vi.stubGlobal('process', host);
  try {
    run();
  } catch (error) {
    return error;
  } finally {
    vi.unstubAllGlobals();
  }
  return undefined;
}

describe('nodeBuiltin', () => {
  it('returns the Node built-in itself', () => {
    expect(nodeBuiltin('fs', 'test').readFileSync).toBe(fs.readFileSync);
    expect(nodeBuiltin('zlib', 'test').gunzipSync).toBe(zlib.gunzipSync);
    expect(nodeBuiltin('process', 'test')).toBe(process);
  });

  it('without a process (a browser), throws naming the feature, the built-in, the Node version and the hint', () => {
    const error = errorWith(undefined, () => nodeBuiltin('fs', 'loadDigits', 'In a browser, do this instead.'));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'loadDigits needs node:fs (files), which this runtime does not have: it runs on Node.js ≥ 20.16. In a browser, do this instead.',
    );
  });

  it('on a Node without process.getBuiltinModule (< 20.16), throws the same way', () => {
    const error = errorWith({ version: 'v20.10.0' }, () => nodeBuiltin('zlib', 'loadFashionMnist'));
    expect((error as Error).message).toBe(
      'loadFashionMnist needs node:zlib (gzip), which this runtime does not have: it runs on Node.js ≥ 20.16',
    );
  });
});
