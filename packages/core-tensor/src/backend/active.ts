import type { Accelerator } from './accelerator.js';

/** The backends a user can pick: `js` runs everywhere; `ort` runs heavy kernels in ONNX Runtime. */
export type BackendName = 'js' | 'ort';

export interface ActiveBackend {
  readonly name: BackendName;
  readonly accelerator: Accelerator | undefined;
}

let active: ActiveBackend = { name: 'js', accelerator: undefined };

/** The backend eager ops run on. */
export function getBackend(): BackendName {
  return active.name;
}

/** The active backend's accelerator, which op forwards consult before their JS kernel (undefined on `js`). */
export function accelerator(): Accelerator | undefined {
  return active.accelerator;
}

/** The active backend and its accelerator. */
export function activeBackend(): ActiveBackend {
  return active;
}

/** Make `next` the active backend. */
export function activate(next: ActiveBackend): void {
  active = next;
}
