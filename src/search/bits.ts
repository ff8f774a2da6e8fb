/**
 * Task sets in two forms. Bitmasks (bit t = task t) are the fast currency of the solvers that
 * stay within 30 tasks (32-bit integers hold 31 safely). A group key, the group's tasks in
 * ascending order joined by commas ("0,3,17"), names a task set of any size: it is how callers
 * hand measured groups to the HOA partition solver, which goes up to MAX_HOA_TASKS.
 */

/** Number of tasks in a set. */
export function popcount(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) count++;
  return count;
}

/** The set holding `tasks`. */
export function maskOf(tasks: readonly number[]): number {
  let mask = 0;
  for (const t of tasks) mask |= 1 << t;
  return mask;
}

/** Tasks (bit positions) of a set, ascending. */
export function tasksOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; mask !== 0; i++, mask >>>= 1) if (mask & 1) out.push(i);
  return out;
}

/** The key of the group holding `tasks` (in any order): its tasks ascending, comma-separated. */
export function groupKey(tasks: readonly number[]): string {
  return [...tasks].sort((a, b) => a - b).join(',');
}

/** The tasks a group key names, as written (groupKey(tasksOfKey(k)) === k for a valid key). */
export function tasksOfKey(key: string): number[] {
  return key === '' ? [] : key.split(',').map(Number);
}
