import type { EncodedDataset } from './types.js';

/**
 * Target leakage: a feature that alone predicts a task almost perfectly on the training rows is
 * usually the label in disguise (an "amount paid" next to "purchased", a policy's premium next to
 * owning it). A proxy run then learns the copy, not the task, and every transfer score involving
 * that task is meaningless. Flagged, never dropped: some features are legitimately that good.
 *
 * Binary task: the feature's AUC (ties counted half) at or beyond 0.995 either way. Regression
 * task: |Pearson correlation| ≥ 0.995. Each is computed on the training rows that have the label.
 */
export const leakageThreshold = 0.995;

export interface Leak {
  /** The CSV column (one-hot levels and hash buckets are reported under their column). */
  column: string;
  task: string;
  /** 'AUC' for a binary task, 'correlation' for a regression task. */
  measure: 'AUC' | 'correlation';
  value: number;
}

export function findLeaks(dataset: EncodedDataset): Leak[] {
  const leaks = new Map<string, Leak>();
  dataset.tasks.forEach((task, t) => {
    const rows = labelledRows(dataset, t);
    if (rows.length < 10) return;
    const labels = rows.map((r) => dataset.trainY[r * dataset.tasks.length + t]);
    for (let d = 0; d < dataset.dim; d++) {
      const values = rows.map((r) => dataset.trainX[r * dataset.dim + d]);
      const leak =
        task.type === 'binary' ? aucLeak(values, labels) : correlationLeak(values, labels);
      if (!leak) continue;
      const key = `${dataset.featureColumns[d]}\u0000${task.name}`;
      const strongest = leaks.get(key);
      const candidate: Leak = { column: dataset.featureColumns[d], task: task.name, ...leak };
      if (!strongest || strength(candidate) > strength(strongest)) leaks.set(key, candidate);
    }
  });
  return [...leaks.values()];
}

const strength = (leak: Leak): number =>
  leak.measure === 'AUC' ? Math.abs(leak.value - 0.5) * 2 : Math.abs(leak.value);

function labelledRows(dataset: EncodedDataset, t: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < dataset.trainRows; r++)
    if (!Number.isNaN(dataset.trainY[r * dataset.tasks.length + t])) rows.push(r);
  return rows;
}

/** AUC of `values` for 0/1 `labels` by the rank-sum (Mann–Whitney) with mid-ranks for ties. */
export function auc(values: number[], labels: number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++)
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += midRank;
      }
    start = end + 1;
  }
  const negatives = values.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function aucLeak(values: number[], labels: number[]): Pick<Leak, 'measure' | 'value'> | null {
  const value = auc(values, labels);
  return value >= leakageThreshold || value <= 1 - leakageThreshold
    ? { measure: 'AUC', value }
    : null;
}

function correlationLeak(
  values: number[],
  labels: number[],
): Pick<Leak, 'measure' | 'value'> | null {
  const n = values.length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / n;
  const mx = mean(values);
  const my = mean(labels);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (values[i] - mx) * (labels[i] - my);
    sxx += (values[i] - mx) ** 2;
    syy += (labels[i] - my) ** 2;
  }
  const value = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  return Math.abs(value) >= leakageThreshold ? { measure: 'correlation', value } : null;
}
