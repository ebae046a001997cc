/** A mistake in how the bench was called (unknown option, bad value, unknown case): exit code 2 with usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
