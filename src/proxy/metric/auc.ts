import type { TaskMetric } from './taskMetric.js';

/**
 * Binary tasks: the area under the ROC curve of the logits, by the rank sum (Mann–Whitney), a
 * tie between a positive and a negative counted half. The logits of each class are sorted
 * apart (typed arrays: the engine's numeric sort) and merged once, so 50,000 validation rows
 * cost a few milliseconds per task and run. Worked example: positives {0.9, 0.4}, negatives
 * {0.4, 0.1}: 0.9 beats both (2), 0.4 beats 0.1 and ties 0.4 (1.5): AUC = 3.5 / 4 = 0.875.
 */
export const rocAuc: TaskMetric = {
  name: 'AUC',
  better: 'higher',
  value(logits, labels) {
    const positives: number[] = [];
    const negatives: number[] = [];
    for (let i = 0; i < labels.length; i++)
      (labels[i] === 1 ? positives : negatives).push(logits[i]);
    // One class only, or a diverged network (NaN logits, which no sort orders): no AUC.
    if (positives.length === 0 || negatives.length === 0) return NaN;
    if (positives.some(Number.isNaN) || negatives.some(Number.isNaN)) return NaN;
    const pos = Float64Array.from(positives).sort();
    const neg = Float64Array.from(negatives).sort();
    let wins = 0;
    let below = 0; // negatives strictly below the current positive
    for (let p = 0; p < pos.length;) {
      const score = pos[p];
      let same = p;
      while (same < pos.length && pos[same] === score) same++;
      while (below < neg.length && neg[below] < score) below++;
      let tied = below;
      while (tied < neg.length && neg[tied] === score) tied++;
      wins += (same - p) * (below + (tied - below) / 2);
      p = same;
    }
    return wins / (pos.length * neg.length);
  },
};
