import { canonicalGroups, HoaModel, type HoaPartitionProblem } from './hoa.js';
import type { Partition } from './types.js';

/**
 * A feasible partition of at most `budget` groups from a partition with more: the two groups
 * whose merge raises the objective least are merged, until it fits. Greedy, not a solve: its
 * objective bounds the budget's optimum from above. Used where a solve per budget costs too
 * much (the best grouping per budget of a search past decide/candidates.ts' allBudgetsUpTo
 * tasks). Each step tries every pair of groups once: O(k² · s²) for k groups of s tasks.
 */
export function mergeDown(
  problem: HoaPartitionProblem,
  from: Partition,
  budget: number,
): Partition {
  const model = new HoaModel(problem);
  const groups = from.groups.map((g) => [...g]);
  const costs = groups.map((g) => model.groupCost(g));
  while (groups.length > Math.max(1, budget)) {
    let best = { a: 0, b: 1, rise: Infinity, cost: 0 };
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const cost = model.groupCost([...groups[a], ...groups[b]].sort((x, y) => x - y));
        const rise = cost - costs[a] - costs[b];
        if (rise < best.rise) best = { a, b, rise, cost };
      }
    }
    groups[best.a] = [...groups[best.a], ...groups[best.b]].sort((x, y) => x - y);
    costs[best.a] = best.cost;
    groups.splice(best.b, 1);
    costs.splice(best.b, 1);
  }
  return {
    groups: canonicalGroups(groups),
    objective: costs.reduce((s, c) => s + c, 0) / model.totalWeight,
  };
}
