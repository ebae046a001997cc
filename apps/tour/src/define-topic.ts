import type { Experiment, Topic } from './experiment.js';

/** Builds a topic from experiments written without their `topic` field, which is filled in with `name`. */
export function defineTopic(name: string, experiments: Omit<Experiment, 'topic'>[]): Topic {
  return { name, experiments: experiments.map((experiment) => ({ ...experiment, topic: name })) };
}
