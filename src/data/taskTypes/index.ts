/**
 * The task types' rules, one per name of TASK_TYPES (types.ts), listed once: a column's type is
 * the declared one or the first whose labels every cell fits, in that order (binary before
 * regression: 0/1 labels are numbers too). Nothing else branches on a type's name.
 */
import { TASK_TYPES, type TaskType } from '../types.js';
import { binaryTask } from './binary.js';
import { regressionTask } from './regression.js';
import type { TaskTypeRule } from './taskTypeRule.js';

export { auc } from './binary.js';
export { leakageThreshold, type LeakMeasure, type TaskTypeRule } from './taskTypeRule.js';

export const taskTypeRules: Readonly<Record<TaskType, TaskTypeRule>> = Object.freeze({
  binary: binaryTask,
  regression: regressionTask,
});

/** Every type with its rule, in inference order. */
export const inferenceOrder: readonly [TaskType, TaskTypeRule][] = Object.freeze(
  TASK_TYPES.map((type): [TaskType, TaskTypeRule] => [type, taskTypeRules[type]]),
);
