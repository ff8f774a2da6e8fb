import { UsageError } from '../errors.js';

/**
 * The solvers' task weights, checked once for both problem kinds: one finite weight ≥ 0 per
 * task, all 1 when none are given. (User input is validated before it gets here, in
 * src/config; this guards the solvers' own contract.)
 */
export function taskWeights(weights: readonly number[] | undefined, n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (weights === undefined) return w;
  if (weights.length !== n)
    throw new UsageError(`weights must have ${n} entries (got ${weights.length})`);
  weights.forEach((x, i) => {
    if (!Number.isFinite(x) || x < 0)
      throw new UsageError(`weights[${i}] must be a finite number ≥ 0`);
    w[i] = x;
  });
  return w;
}
