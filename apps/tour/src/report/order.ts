import type { ExperimentRecord } from '../results.js';

/** Compares section numbers part by part, numerically where both parts are numbers: 6.1.7 < 6.1.10 < 6.2. */
export function compareSections(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** One topic's experiments in section order. */
export interface TopicGroup {
  topic: string;
  experiments: ExperimentRecord[];
}

/** Groups experiments by topic; topics by their first section, experiments by section (stable). */
export function groupByTopic(experiments: readonly ExperimentRecord[]): TopicGroup[] {
  const groups = new Map<string, ExperimentRecord[]>();
  for (const e of experiments) groups.set(e.topic, [...(groups.get(e.topic) ?? []), e]);
  const sorted = [...groups].map(([topic, list]) => ({
    topic,
    experiments: [...list].sort((a, b) => compareSections(a.section, b.section)),
  }));
  return sorted.sort((a, b) => compareSections(a.experiments[0]?.section ?? '', b.experiments[0]?.section ?? ''));
}
