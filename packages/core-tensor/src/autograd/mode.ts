let gradEnabled = true;
let anomalyDetection = false;

/** Whether ops currently record a graph for autograd. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Run `fn` with graph recording on or off, restoring the previous mode afterwards. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Run `fn` without recording a graph (like `torch.no_grad()`). */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Run `fn` with graph recording on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/**
 * Anomaly detection: while on, every op checks its output (forward and backward) for
 * NaN or ±Infinity and throws naming the first op that produced one.
 */
export function detectAnomaly(enabled = true): void {
  anomalyDetection = enabled;
}

export function isAnomalyDetectionEnabled(): boolean {
  return anomalyDetection;
}

/** Run `fn` with anomaly detection on. */
export function withAnomalyDetection<T>(fn: () => T): T {
  const previous = anomalyDetection;
  anomalyDetection = true;
  try {
    return fn();
  } finally {
    anomalyDetection = previous;
  }
}
