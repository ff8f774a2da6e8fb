import { canonicalGroups, HoaModel, type HoaPartitionProblem, maskOf, partitionKey } from './hoa.js';
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
    const value = canon.reduce((a, g) => a + model.groupCost(maskOf(g)), 0) / model.totalWeight;
    out.push({ value, key: partitionKey(canon), groups: canon });
  });
  out.sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.map((x) => ({ groups: x.groups, objective: x.value }));
}

/** Calls visit once per partition of 0..n−1 into at most maxGroups groups. */
export function forEachPartition(n: number, maxGroups: number, visit: (groups: number[][]) => void): void {
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
