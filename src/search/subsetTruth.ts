import { UsageError } from '../errors.js';
import { tasksOf } from './bits.js';

/** Most tasks whose every subset may be priced: 2^12 − 1 = 4095 groups, O(n·3^n) ≈ 6M steps. */
export const MAX_SUBSET_TASKS = 12;

/** One group's measured cost: Σ_{i∈G} w_i · L_i(G) / L_i({i}), not yet divided by Σ w. */
export type SubsetCosts = Float64Array;

export interface TruthByBudget {
  /** budget b (1..n) → the best partition into at most b groups and its objective. */
  best: { budget: number; groups: number[][]; objective: number }[];
}

/**
 * Exact optimum for every budget when every group's cost is known (an exhaustive search):
 * dynamic programming over subsets, f_b(S) = min over T ⊆ S holding S's lowest task of
 * cost(T) + f_{b−1}(S ∖ T). Choosing the group of the lowest remaining task visits each
 * partition once; the answer is exact, no estimate and no limit involved.
 * `cost[mask]` for every mask 1..2^n − 1; `totalWeight` divides the sums into objectives.
 */
export function truthByBudget(n: number, cost: SubsetCosts, totalWeight: number): TruthByBudget {
  checkSize(n, cost);
  const full = (1 << n) - 1;
  let previous = new Float64Array(1 << n).fill(Infinity);
  previous[0] = 0;
  const choice: Int32Array[] = [];
  const best: TruthByBudget['best'] = [];
  for (let b = 1; b <= n; b++) {
    const next = new Float64Array(1 << n).fill(Infinity);
    const pick = new Int32Array(1 << n);
    next[0] = 0;
    for (let set = 1; set <= full; set++) {
      const low = set & -set;
      const rest = set ^ low;
      // Every T = low ∪ (a subset of the rest): enumerate the subsets of `rest`.
      for (let sub = rest; ; sub = (sub - 1) & rest) {
        const group = sub | low;
        const value = cost[group] + previous[set ^ group];
        if (value < next[set]) {
          next[set] = value;
          pick[set] = group;
        }
        if (sub === 0) break;
      }
    }
    choice.push(pick);
    best.push({ budget: b, groups: unwind(choice, full), objective: next[full] / totalWeight });
    previous = next;
  }
  return { best };
}

/** The groups of the optimum found by the last layer of `choice`, lowest task first. */
function unwind(choice: Int32Array[], full: number): number[][] {
  const groups: number[][] = [];
  let set = full;
  for (let layer = choice.length - 1; set !== 0 && layer >= 0; layer--) {
    const group = choice[layer][set];
    groups.push(tasksOf(group));
    set ^= group;
  }
  return groups.sort((a, b) => a[0] - b[0]);
}

/**
 * Rank of a grouping among all partitions into at most `budget` groups: 1 + the number of
 * partitions whose objective is lower by more than `tie` (equal ones share a rank), and how
 * many partitions there are. Enumerates partitions by the group of the lowest remaining task,
 * pruned by each task's cheapest possible share, so a near-best grouping is ranked quickly.
 */
export function rankOf(
  n: number,
  cost: SubsetCosts,
  perTaskFloor: Float64Array,
  budget: number,
  objective: number,
  totalWeight: number,
  tie = 1e-9,
): { rank: number; of: number } {
  checkSize(n, cost);
  const limit = objective * totalWeight - tie * totalWeight;
  const full = (1 << n) - 1;
  const floorOf = (set: number): number =>
    tasksOf(set).reduce((sum, t) => sum + perTaskFloor[t], 0);
  let better = 0;
  const visit = (set: number, used: number, spent: number): void => {
    if (set === 0) {
      if (spent < limit) better++;
      return;
    }
    if (used === budget || spent + floorOf(set) >= limit) return;
    const low = set & -set;
    const rest = set ^ low;
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const group = sub | low;
      visit(set ^ group, used + 1, spent + cost[group]);
      if (sub === 0) break;
    }
  };
  visit(full, 0, 0);
  return { rank: better + 1, of: partitionCount(n, budget) };
}

/** Number of partitions of n tasks into at most k groups (Stirling numbers of the second kind). */
export function partitionCount(n: number, k: number): number {
  let row = [1];
  for (let m = 1; m <= n; m++) {
    const next = new Array<number>(m + 1).fill(0);
    for (let j = 1; j <= m; j++) next[j] = j * (row[j] ?? 0) + (row[j - 1] ?? 0);
    row = next;
  }
  return row.slice(1, k + 1).reduce((a, b) => a + b, 0);
}

function checkSize(n: number, cost: SubsetCosts): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SUBSET_TASKS)
    throw new UsageError(`exhaustive truth supports 1 to ${MAX_SUBSET_TASKS} tasks (got ${n})`);
  if (cost.length < 1 << n)
    throw new UsageError(`exhaustive truth needs the cost of all ${(1 << n) - 1} groups`);
}
