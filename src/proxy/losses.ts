import type { TaskType } from '../data/types.js';
import { crossEntropy } from './loss/crossEntropy.js';
import { squaredError } from './loss/squaredError.js';
import type { TaskLoss } from './loss/taskLoss.js';

export type { TaskLoss };

/**
 * The loss of each task type, listed once (one file each in loss/): cross-entropy on the logit
 * for binary tasks, squared error for regression (labels arrive standardised). Every trainer
 * reads its task's loss here; nothing else branches on a task type for it.
 */
export const TASK_LOSSES: Readonly<Record<TaskType, TaskLoss>> = Object.freeze({
  binary: crossEntropy,
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
