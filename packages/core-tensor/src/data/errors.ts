/**
 * Thrown when a data file is missing, corrupt, truncated or not what it claims to be. The
 * message names the file and what was expected; nothing is ever half-parsed.
 */
export class DatasetError extends Error {
  override name = 'DatasetError';
}
