import type { TaskType } from '../data/types.js';
import { rocAuc } from './metric/auc.js';
import { rmse } from './metric/rmse.js';
import type { TaskMetric } from './metric/taskMetric.js';

export type { TaskMetric };

/**
 * The metric of each task type, listed once (one file each in metric/): AUC for binary tasks,
 * RMSE in the label's unit for regression. Reports show it beside the loss; nothing else
 * branches on a task type for it.
 */
export const TASK_METRICS: Readonly<Record<TaskType, TaskMetric>> = Object.freeze({
  binary: rocAuc,
  regression: rmse,
});
