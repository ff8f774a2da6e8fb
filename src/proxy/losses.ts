import type { TaskType } from '../data/types.js';

/**
 * Per-task losses on a logit (or prediction) and a label, with their derivative. Binary tasks:
 * binary cross-entropy on the logit, in the stable form max(l,0) − l·y + log(1 + e^−|l|).
 * Regression tasks: squared error (labels arrive standardised). A missing label (NaN) is masked
 * by the callers: it neither counts nor contributes.
 */
export interface TaskLoss {
  value(logit: number, label: number): number;
  /** d value / d logit. */
  grad(logit: number, label: number): number;
}

const binaryCrossEntropy: TaskLoss = {
  value: (l, y) => Math.max(l, 0) - l * y + Math.log1p(Math.exp(-Math.abs(l))),
  grad: (l, y) => 1 / (1 + Math.exp(-l)) - y,
};

const squaredError: TaskLoss = {
  value: (l, y) => (l - y) * (l - y),
  grad: (l, y) => 2 * (l - y),
};

export const TASK_LOSSES: Readonly<Record<TaskType, TaskLoss>> = Object.freeze({
  binary: binaryCrossEntropy,
  regression: squaredError,
});

/** Running masked mean of one task's loss (float64 sums: cheap next to training). */
export class MaskedMean {
  private sum = 0;
  private count = 0;
  add(loss: number): void {
    this.sum += loss;
    this.count++;
  }
  get labelled(): number {
    return this.count;
  }
  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }
}
