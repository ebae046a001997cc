import type { CaseId, CaseParams } from '../cases/registry.js';
import type { Step } from '../measure.js';

/** How a Node-side system builds the step of each case it can run (cases it lacks show "—"). */
export type CaseImplementations = { [C in CaseId]?: (params: CaseParams[C]) => Step };

/** A library set up and ready to be measured inside the current process. */
export interface NodeSystem {
  version: string;
  threads: string;
  cases: CaseImplementations;
  /** Facts for the report learned while the cases ran (a one-time compile cost, say): read after the last one. */
  notes?: () => string[];
}
