/**
 * Task sets as bitmasks (bit t = task t), the solvers' shared currency. 32-bit integers: at most
 * 31 tasks per mask (the solvers allow 30).
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
