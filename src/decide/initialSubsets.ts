import type { SearchMethod } from './methods/index.js';
import { everySubset, everyTask } from './subsets.js';

/**
 * The task subsets a search trains per seed before verification: what its method plans and,
 * from three tasks on, the all-in-one network, the baseline every grouping is measured against
 * (and the anchor of the pair estimate's error model). An exhaustive search trains every subset
 * instead: the exhaustive truth, the yardstick of the rest.
 */
export function initialSubsets(
  method: SearchMethod,
  taskCount: number,
  exhaustive: boolean,
): number[][] {
  if (exhaustive) return everySubset(taskCount);
  const allInOne = taskCount >= 3 ? [everyTask(taskCount)] : [];
  return [...method.plannedSubsets(taskCount), ...allInOne];
}
