import type { TaskRoles } from '../search/index.js';
import type { SearchMethod } from './methods/index.js';
import { everyNetwork, everySubset, everyTask } from './subsets.js';

/**
 * The task subsets a search trains per seed before verification: what its method plans and,
 * from three tasks on, the all-in-one network, the baseline every grouping is measured against
 * (and the anchor of the pair estimate's error model). An exhaustive search trains every subset
 * instead: the exhaustive truth, the yardstick of the rest. With auxiliary tasks (`roles`), the
 * method's auxiliary plan (every main task with every auxiliary one), and an exhaustive search
 * trains every subset holding a main task (an auxiliary alone is never scored).
 * Pre: the method has an auxiliary plan when `roles` is given (checked with the flags).
 */
export function initialSubsets(
  method: SearchMethod,
  taskCount: number,
  exhaustive: boolean,
  roles?: TaskRoles,
): number[][] {
  if (exhaustive) return roles ? everyNetwork(roles) : everySubset(taskCount);
  const allInOne = taskCount >= 3 ? [everyTask(taskCount)] : [];
  const planned = roles
    ? method.auxiliary!.plannedSubsets(roles)
    : method.plannedSubsets(taskCount);
  return [...planned, ...allInOne];
}
