import type { TaskMetric } from './taskMetric.js';

/**
 * Regression tasks: the root mean squared error of the prediction, in the label's own unit (the
 * network predicts the standardised label; `unit` is the training split's standard deviation).
 * Its square is the task's loss times unit², so it ranks networks as the loss does: it says
 * how far off a prediction is in seconds or euros rather than in standard deviations.
 */
export const rmse: TaskMetric = {
  name: 'RMSE',
  better: 'lower',
  value(logits, labels, unit) {
    let sum = 0;
    for (let i = 0; i < labels.length; i++) sum += (logits[i] - labels[i]) ** 2;
    return labels.length === 0 ? NaN : Math.sqrt(sum / labels.length) * unit;
  },
};
