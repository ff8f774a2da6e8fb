import { isMissing, parseBinary } from '../cells.js';
import { leakageThreshold, type LeakMeasure, type TaskTypeRule } from './taskTypeRule.js';

const BINARY_WORDS = '0/1, true/false, yes/no';

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

function aucLeak(values: number[], labels: number[]): LeakMeasure | null {
  const value = auc(values, labels);
  return value >= leakageThreshold || value <= 1 - leakageThreshold
    ? { measure: 'AUC', value }
    : null;
}

/**
 * A binary task (click, like, purchase): labels 0/1, true/false or yes/no, encoded 0/1; every
 * label of an undeclared column being one makes it binary. Leakage: a feature's AUC (ties
 * counted half) at or beyond the threshold either way. Its loss: cross-entropy on the logit.
 */
export const binaryTask: TaskTypeRule = {
  labels: `binary (${BINARY_WORDS})`,
  stray: (p) => p.notBinary,
  strayWhy: `(binary labels are ${BINARY_WORDS})`,
  unusable: () => undefined,
  varies: (p) => p.binaryVaries,
  encoder: () => (cell) => (isMissing(cell) ? NaN : parseBinary(cell)!),
  unit: () => 1,
  checkSpread: () => undefined,
  leak: aucLeak,
  leakStrength: (value) => Math.abs(value - 0.5) * 2,
  trivial: {
    predicts: 'base rate',
    // The logit of the share of 1s, never that of 0 or 1, whose loss is infinite.
    output: (rate) => {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, rate));
      return Math.log(p / (1 - p));
    },
  },
};
