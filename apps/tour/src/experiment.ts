/**
 * The contract between the tour and the topic packages. The types live in
 * `@shinkei/core-tensor/experiment` (every topic package depends on core-tensor; packages
 * never depend on apps); the tour adds the notion of a topic.
 */
import type { Experiment } from '@shinkei/core-tensor/experiment';

export type {
  Backend,
  Experiment,
  ExperimentResult,
  Figure,
  FigureKind,
  Image,
  RunContext,
  Series,
  Size,
  Verdict,
} from '@shinkei/core-tensor/experiment';

/** A topic package's experiments, registered with the tour by a plain import. */
export interface Topic {
  name: string;
  experiments: Experiment[];
}
