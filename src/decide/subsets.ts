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
