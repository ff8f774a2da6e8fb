import { auxModel, bestAuxSet, groupKey, networkCost } from '../search/index.js';
import { measuredOnlyAdjust, type BudgetView } from './candidates.js';
import type { GroupingProblem } from './groupingProblem.js';

/**
 * The networks next to a verified answer's, in a search with auxiliaries, the most promising
 * first: for each network of the best measured grouping (`view`, the target budget's), and, when
 * that grouping leaves room in the budget, for each main task's best measured network on its
 * own, the same network without each of its auxiliaries (dropped), with each other auxiliary
 * (added), and with each of its auxiliaries replaced by each other one (swapped). Those of 3+
 * members not trained yet are returned (with fewer they are pairs or singles, always trained),
 * at most `count`, by how much the estimate (`correction`: the error model's, by task and size)
 * says each lowers its network's cost.
 *
 * Why: the pair estimate sees each auxiliary beside one main task only, and what auxiliaries do
 * together (two that help more together, one that helps only beside another) shows in networks
 * alone. Once the neighbours are measured, each auxiliary of the answer stands against its
 * network without it, seed by seed: one that does better replaces the answer's network in the
 * measured-only answer, whose neighbours come next. Each round moves to a strictly better
 * measured answer or measures more of the current one's neighbours, so it ends (at the latest
 * when every neighbour is measured: a local optimum under one change of auxiliary). Empty for a
 * problem without auxiliaries.
 */
export function unmeasuredNeighbours(
  problem: GroupingProblem,
  view: BudgetView | undefined,
  correction: number[][],
  count: number,
): number[][] {
  const { roles } = problem;
  if (!roles || !view) return [];
  // Estimates only, the answer's own networks too: a neighbour's promise is its estimated cost
  // against its network's, which share the estimate's bias.
  const estimate = auxModel({ ...problem, measured: new Map(), roles, sizeAdjust: correction });
  const cost = (network: number[]) => networkCost(estimate, network, roles.main);
  const out = new Map<string, { network: number[]; gain: number }>();
  const offer = (network: number[], from: number) => {
    const sorted = [...network].sort((x, y) => x - y);
    const key = groupKey(sorted);
    if (sorted.length < 3 || problem.measured?.has(key) || out.has(key)) return;
    out.set(key, { network: sorted, gain: from - cost(sorted) });
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
    const from = cost(network);
    const chosen = network.filter((t) => roles.aux.includes(t));
    const left = roles.aux.filter((a) => !network.includes(a));
    for (const a of chosen)
      offer(
        network.filter((t) => t !== a),
        from,
      );
    for (const b of left) offer([...network, b], from);
    for (const a of chosen)
      for (const b of left) offer([...network.filter((t) => t !== a), b], from);
  }
  return [...out.entries()]
    .sort(([ka, a], [kb, b]) => b.gain - a.gain || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, count)
    .map(([, { network }]) => network);
}
