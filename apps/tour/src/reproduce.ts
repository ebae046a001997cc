import type { Backend, Size } from './experiment.js';

/** The command line that reruns one topic with the same seed, size and backend. */
export function reproduceCommand(topic: string, run: { seed: number; size: Size; backend: Backend }): string {
  const parts = ['pnpm start', '--only', topic, '--seed', String(run.seed)];
  if (run.size === 'quick') parts.push('--quick');
  if (run.size === 'full') parts.push('--full');
  if (run.backend !== 'js') parts.push('--backend', run.backend);
  return parts.join(' ');
}
