/** A mistake in how the tour was called (unknown option, bad value, unknown topic): exit code 2 with usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
