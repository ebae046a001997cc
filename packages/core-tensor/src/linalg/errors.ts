/**
 * Thrown when a matrix does not admit the factorization asked for: a singular matrix
 * given to solve or inv, a matrix that is not positive definite given to cholesky, an
 * iteration that did not converge. The message names the op and the failing pivot.
 */
export class LinalgError extends Error {
  override name = 'LinalgError';
}
