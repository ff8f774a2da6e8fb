import { auxModel, bestAuxSet, groupKey, networkCost } from '../search/index.js';
import { measuredOnlyAdjust, type BudgetView } from './candidates.js';
import type { GroupingProblem } from './groupingProblem.js';

/**
 * The networks next to a verified answer's, in a search with auxiliaries: for each network of
 * the best measured grouping (`view`, the target budget's), and, when that grouping leaves room
 * in the budget, for each main task's best measured network on its own, the same network
 * without each of its auxiliaries (dropped), with the one other auxiliary whose addition is
 * estimated best (`correction`: the error model's, by task and size) (added), and with each of
 * its auxiliaries replaced by that one (swapped). Those of 3+ members not trained yet are
 * returned (with fewer they are pairs or singles, always trained).
 *
 * Why: the pair estimate sees each auxiliary beside one main task only, and what auxiliaries do
 * together (two that help more together, one that helps only beside another) shows in networks
 * alone. Once the neighbours are measured, each auxiliary of the answer stands against its
 * network without it, seed by seed, and the best addition against the network: one that does
 * better replaces the answer's network in the measured-only answer, whose neighbours come next.
 * Each round moves to a strictly better measured answer or adds nothing, so it ends. Empty for
 * a problem without auxiliaries.
 */
export function unmeasuredNeighbours(
  problem: GroupingProblem,
  view: BudgetView | undefined,
  correction: number[][],
): number[][] {
  const { roles } = problem;
  if (!roles || !view) return [];
  const model = auxModel({ ...problem, roles, sizeAdjust: correction });
  const out = new Map<string, number[]>();
  /** The auxiliary left out of `network` whose addition is estimated best, if any is left. */
  const bestAddition = (network: number[]): number | undefined =>
    roles.aux
      .filter((a) => !network.includes(a))
      .map((a) => ({
        a,
        cost: networkCost(
          model,
          [...network, a].sort((x, y) => x - y),
          roles.main,
        ),
      }))
      .sort((x, y) => x.cost - y.cost || x.a - y.a)[0]?.a;
  const offer = (network: number[]) => {
    const key = groupKey(network);
    if (network.length >= 3 && !problem.measured?.has(key)) out.set(key, network);
  };
  const measuredOnly = auxModel({
    ...problem,
    roles,
    sizeAdjust: measuredOnlyAdjust(problem.pair.length),
  });
  // With room in the budget for another network, a main task may do better on its own: the
  // neighbours of each main task's best measured network alone are candidates too.
  const alone =
    view.measured.groups.length < view.budget
      ? roles.main.map((i) => bestAuxSet(measuredOnly, roles, [i]).tasks)
      : [];
  for (const network of [...view.measured.groups, ...alone]) {
    const chosen = network.filter((t) => roles.aux.includes(t));
    const best = bestAddition(network);
    for (const a of chosen) {
      const without = network.filter((t) => t !== a);
      offer(without);
      if (best !== undefined) offer([...without, best].sort((x, y) => x - y));
    }
    if (best !== undefined) offer([...network, best].sort((x, y) => x - y));
  }
  return [...out.values()];
}
