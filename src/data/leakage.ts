import { taskTypeRules, type LeakMeasure } from './taskTypes/index.js';
import type { EncodedDataset } from './types.js';

/**
 * Target leakage: a feature that alone predicts a task almost perfectly on the training rows is
 * usually the label in disguise (an "amount paid" next to "purchased", a policy's premium next to
 * owning it). A proxy run then learns the copy, not the task, and every transfer score involving
 * that task is meaningless. Flagged, never dropped: some features are legitimately that good.
 *
 * Each task type measures it its own way (taskTypes/: a binary task by the feature's AUC, a
 * regression task by its correlation), on the training rows that have the label.
 */
export interface Leak extends LeakMeasure {
  /** The CSV column (one-hot levels and hash buckets are reported under their column). */
  column: string;
  task: string;
}

export function findLeaks(dataset: EncodedDataset): Leak[] {
  const leaks = new Map<string, Leak>();
  dataset.tasks.forEach((task, t) => {
    const rule = taskTypeRules[task.type];
    const rows = labelledRows(dataset, t);
    if (rows.length < 10) return;
    const labels = rows.map((r) => dataset.trainY[r * dataset.tasks.length + t]);
    for (let d = 0; d < dataset.dim; d++) {
      const values = rows.map((r) => dataset.trainX[r * dataset.dim + d]);
      const leak = rule.leak(values, labels);
      if (!leak) continue;
      const key = `${dataset.featureColumns[d]}\u0000${task.name}`;
      const strongest = leaks.get(key);
      const candidate: Leak = { column: dataset.featureColumns[d], task: task.name, ...leak };
      if (!strongest || rule.leakStrength(candidate.value) > rule.leakStrength(strongest.value))
        leaks.set(key, candidate);
    }
  });
  return [...leaks.values()];
}

function labelledRows(dataset: EncodedDataset, t: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < dataset.trainRows; r++)
    if (!Number.isNaN(dataset.trainY[r * dataset.tasks.length + t])) rows.push(r);
  return rows;
}
