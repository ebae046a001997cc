import { nodeBuiltin } from '../../platform/node-builtin.js';
import { DatasetError } from '../errors.js';

/** The SHA-256 digest of `bytes` as 64 lowercase hex digits, through node:crypto (Node only). */
export function sha256Hex(bytes: Uint8Array): string {
  const { createHash } = nodeBuiltin(
    'crypto',
    'sha256Hex',
    "In a browser, use crypto.subtle.digest('SHA-256', bytes).",
  );
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws a DatasetError naming `what` unless SHA-256(bytes) is `expected`. */
export function verifySha256(bytes: Uint8Array, expected: string, what: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== expected) {
    throw new DatasetError(
      `${what}: SHA-256 mismatch (expected ${expected}, got ${actual}); the file is corrupt or not the one expected — delete it to fetch it again`,
    );
  }
}
