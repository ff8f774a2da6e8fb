import type { TaskRoles } from '../search/index.js';

/** Task subsets as ascending index lists: what a search plans to train. */

/** Every task alone. */
export const singles = (taskCount: number): number[][] =>
  Array.from({ length: taskCount }, (_, t) => [t]);

/** Every single and every pair. */
export function singlesAndPairs(taskCount: number): number[][] {
  const subsets = singles(taskCount);
  for (let i = 0; i < taskCount; i++) for (let j = i + 1; j < taskCount; j++) subsets.push([i, j]);
  return subsets;
}

/** The all-in-one network: every task together. */
export const everyTask = (taskCount: number): number[] =>
  Array.from({ length: taskCount }, (_, t) => t);

/** Every non-empty task subset, smallest first: what an exhaustive search trains. */
export function everySubset(taskCount: number): number[][] {
  const subsets: number[][] = [];
  for (let mask = 1; mask < 2 ** taskCount; mask++)
    subsets.push(everyTask(taskCount).filter((t) => mask & (1 << t)));
  return subsets.sort((a, b) => a.length - b.length); // stable: ascending masks within a size
}

/**
 * With auxiliary tasks: each main task alone, every pair of main tasks, and every main task with
 * every auxiliary one (m + m(m − 1)/2 + m·a subsets), ordered as singlesAndPairs orders its own.
 */
export function mainAndAuxiliaryPairs(roles: TaskRoles): number[][] {
  const main = new Set(roles.main);
  return singlesAndPairs(roles.main.length + roles.aux.length).filter((subset) =>
    subset.length === 1 ? main.has(subset[0]) : subset.some((t) => main.has(t)),
  );
}

/** With auxiliary tasks, what an exhaustive search trains: every subset with a main task. */
export const everyNetwork = (roles: TaskRoles): number[][] =>
  everySubset(roles.main.length + roles.aux.length).filter((subset) =>
    subset.some((t) => roles.main.includes(t)),
  );
