import { UsageError } from './cli/usage-error.js';
import type { Experiment, Topic } from './experiment.js';

/**
 * The experiments of the chosen topics (all topics when `only` is undefined), in registration
 * order. Throws {@link UsageError} naming the known topics when one asked for does not exist,
 * and an Error when two experiments of a topic share an id.
 */
export function selectExperiments(topics: readonly Topic[], only: readonly string[] | undefined): Experiment[] {
  const known = topics.map((t) => t.name);
  if (only) {
    const unknown = only.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      const available = known.length > 0 ? known.join(', ') : 'none registered yet';
      throw new UsageError(
        `--only: unknown topic ${unknown.map((n) => `"${n}"`).join(', ')} (available: ${available})`,
      );
    }
  }
  const chosen = only ? topics.filter((t) => only.includes(t.name)) : topics;
  const experiments = chosen.flatMap((t) => t.experiments.map((e) => ({ topicName: t.name, experiment: e })));
  const seen = new Set<string>();
  for (const { topicName, experiment } of experiments) {
    if (experiment.topic !== topicName) {
      throw new Error(
        `experiment "${experiment.id}" says topic "${experiment.topic}" but is registered under "${topicName}"`,
      );
    }
    const key = `${experiment.topic}/${experiment.id}`;
    if (seen.has(key)) throw new Error(`two experiments are registered as "${key}": ids must be unique within a topic`);
    seen.add(key);
  }
  return experiments.map((e) => e.experiment);
}
