import type { TaskLoss } from './taskLoss.js';

/** Regression tasks: squared error (labels arrive standardised); its derivative 2(l − y). */
export const squaredError: TaskLoss = {
  value: (l, y) => (l - y) * (l - y),
  grad: (l, y) => 2 * (l - y),
  batchSum(logits, base, bias, labels) {
    let sum = 0;
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i];
      if (y !== y) continue; // NaN: no label
      const d = Math.fround(logits[base + i] + bias) - y;
      sum += d * d;
    }
    return sum;
  },
  tensor: (tf, logit, y) => tf.square(tf.sub(logit, y)),
};
