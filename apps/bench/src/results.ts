import type { CaseId, Iterations } from './cases/registry.js';

/** Seconds per call of one variant on one system, one sample per timed repetition. */
export interface Timed {
  caseId: CaseId;
  variantId: string;
  samples: number[];
  /** The iterations run: fewer than planned when the system overran the time budget. */
  iterations: Iterations;
  /** The only sample is the first (cold) call, which alone overran the time budget. */
  coldOnly: boolean;
}

/** A variant a system has an implementation of but could not run, with the reason. */
export interface Failed {
  caseId: CaseId;
  variantId: string;
  unavailable: string;
}

export type Measurement = Timed | Failed;

/** What one system's runner reports: who it is, what it used, and its measurements. */
export interface SystemRun {
  system: string;
  /** Library version(s), for the report. */
  version: string;
  /** Threads the system computed with, as it reports them. */
  threads: string;
  /** Peak resident set size of the runner process, KiB (null when unknown). */
  peakRssKiB: number | null;
  /** One-minute load average of the machine when the runner started. */
  loadAtStart: number;
  /** Wall-clock seconds the runner took. */
  seconds: number;
  /** Facts about the system's setup worth a line in the report (its BLAS library, say). */
  notes?: string[];
  /** Set when the whole system could not run (library missing, say). */
  unavailable?: string;
  measurements: Measurement[];
}

export function isTimed(m: Measurement): m is Timed {
  return 'samples' in m;
}
