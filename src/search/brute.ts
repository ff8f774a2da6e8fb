import { auxModel, type AuxPartitionProblem } from './auxNetworks.js';
import { tasksOf } from './bits.js';
import { canonicalGroups, HoaModel, type HoaPartitionProblem, partitionKey } from './hoa.js';
import {
  BUDGET_EPS,
  type NetworkProblem,
  networkModel,
  type Selection,
  selectionKey,
  servingNetworks,
} from './overlapProblem.js';
import type { Partition } from './types.js';

/**
 * Reference answers by exhaustive enumeration, for tests and as a specification of the
 * solvers: every partition (restricted growth strings, so each appears once) is priced and the
 * list is sorted by objective, then by key. Only for small n (Bell(10) ≈ 116k).
 */
export function bruteHoaPartitions(p: HoaPartitionProblem): Partition[] {
  const model = new HoaModel(p);
  const out: { value: number; key: string; groups: number[][] }[] = [];
  forEachPartition(model.n, model.maxGroups, (groups) => {
    const canon = canonicalGroups(groups);
    const value = canon.reduce((a, g) => a + model.groupCost(g), 0) / model.totalWeight;
    out.push({ value, key: partitionKey(canon), groups: canon });
  });
  out.sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.map((x) => ({ groups: x.groups, objective: x.value }));
}

/**
 * Partition mode with auxiliary tasks by enumeration: every partition of the main tasks into at
 * most `budget` groups, each group with every auxiliary set (HoaModel.groupCost prices each
 * network, auxiliary weights 0), the least per group kept; sorted by objective. Small m and a.
 */
export function bruteAuxPartitions(p: AuxPartitionProblem): Partition[] {
  const model = auxModel(p);
  const { main, aux } = p.roles;
  const total = main.reduce((sum, t) => sum + model.w[t], 0);
  const best = (group: number[]) => {
    let found = { cost: Infinity, tasks: group };
    for (let mask = 0; mask < 1 << aux.length; mask++) {
      const tasks = [...group, ...tasksOf(mask).map((x) => aux[x])].sort((a, b) => a - b);
      const cost = model.groupCost(tasks);
      if (cost < found.cost) found = { cost, tasks };
    }
    return found;
  };
  const out: Partition[] = [];
  forEachPartition(main.length, Math.min(p.budget ?? main.length, main.length), (groups) => {
    const networks = groups.map((g) => best(g.map((x) => main[x])));
    const cost = networks.reduce((sum, n) => sum + n.cost, 0);
    out.push({ groups: networks.map((n) => n.tasks), objective: cost / total });
  });
  return out.sort((a, b) => a.objective - b.objective);
}

/** Calls visit once per partition of 0..n−1 into at most maxGroups groups. */
export function forEachPartition(
  n: number,
  maxGroups: number,
  visit: (groups: number[][]) => void,
): void {
  const groups: number[][] = [];
  const place = (t: number): void => {
    if (t === n) {
      visit(groups.map((g) => [...g]));
      return;
    }
    for (let g = 0; g < groups.length; g++) {
      groups[g].push(t);
      place(t + 1);
      groups[g].pop();
    }
    if (groups.length < maxGroups) {
      groups.push([t]);
      place(t + 1);
      groups.pop();
    }
  };
  place(0);
}

/**
 * Overlap mode by enumeration: every set of at most n networks within the budget (a set in
 * which every network serves a task has at most n networks), kept when every task is served
 * and every network serves some task; sorted by total, then by key.
 */
export function bruteOverlap(p: NetworkProblem): Selection[] {
  const model = networkModel(p);
  const out: Selection[] = [];
  forEachSubset(model.costs.length, model.n, (chosen) => {
    const cost = chosen.reduce((a, r) => a + model.costs[r], 0);
    if (cost > model.budget + BUDGET_EPS) return;
    const serves = servingNetworks(model, chosen);
    if (serves.some((r) => r < 0) || chosen.some((r) => !serves.includes(r))) return;
    const total = serves.reduce((a, r, t) => a + model.loss[r * model.n + t], 0);
    out.push({ networks: [...chosen], serves, total });
  });
  return sortSelections(out);
}

/** Partition mode over explicit networks by enumeration: disjoint covers of at most `budget`
 *  networks, sorted by total, then by key. */
export function bruteTablePartition(p: NetworkProblem): Selection[] {
  const model = networkModel(p);
  const out: Selection[] = [];
  const all = (1 << model.n) - 1;
  forEachSubset(
    model.costs.length,
    Math.min(model.n, Math.floor(model.budget + 1e-9)),
    (chosen) => {
      let covered = 0;
      for (const r of chosen) {
        if (covered & model.masks[r]) return;
        covered |= model.masks[r];
      }
      if (covered !== all) return;
      const serves = servingNetworks(model, chosen);
      const total = serves.reduce((a, r, t) => a + model.loss[r * model.n + t], 0);
      out.push({ networks: [...chosen], serves, total });
    },
  );
  return sortSelections(out);
}

function sortSelections(list: Selection[]): Selection[] {
  return list.sort((a, b) => {
    if (a.total !== b.total) return a.total - b.total;
    const ka = selectionKey(a.networks);
    const kb = selectionKey(b.networks);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Calls visit with every ascending index set of size 1..most drawn from 0..rows−1. */
function forEachSubset(rows: number, most: number, visit: (chosen: number[]) => void): void {
  const chosen: number[] = [];
  const extend = (from: number): void => {
    if (chosen.length > 0) visit(chosen);
    if (chosen.length === most) return;
    for (let r = from; r < rows; r++) {
      chosen.push(r);
      extend(r + 1);
      chosen.pop();
    }
  };
  extend(0);
}
