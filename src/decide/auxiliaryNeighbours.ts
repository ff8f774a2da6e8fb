import { groupKey } from '../search/index.js';
import type { BudgetView } from './candidates.js';
import type { GroupingProblem } from './groupingProblem.js';

/**
 * The networks that measure a verified answer's auxiliaries: for each network of the best
 * measured grouping (`view`, the target budget's) and each of its auxiliary members, the same
 * network without it, when that has 3+ members and was not trained (with fewer it is a pair
 * or a single, always trained). Once they are measured, each auxiliary of the answer stands
 * against its network without it, seed by seed, and one that does not help loses its place in
 * the measured-only answer. Empty for a problem without auxiliaries.
 */
export function unmeasuredNeighbours(
  problem: GroupingProblem,
  view: BudgetView | undefined,
): number[][] {
  const { roles } = problem;
  if (!roles || !view) return [];
  const out = new Map<string, number[]>();
  for (const network of view.measured.groups) {
    for (const a of network.filter((t) => roles.aux.includes(t))) {
      const without = network.filter((t) => t !== a);
      const key = groupKey(without);
      if (without.length >= 3 && !problem.measured?.has(key)) out.set(key, without);
    }
  }
  return [...out.values()];
}
