import { canonicalGroups, type HoaModel } from './hoa.js';
import { Grouping, groupingTables, type GroupingTables } from './grouping.js';
import { greedyLabels, measuredStart } from './greedyMerge.js';
import { mulberry32 } from '../random.js';

/** A partition found by the heuristics, priced exactly by the model. */
export interface FoundPartition {
  groups: number[][];
  cost: number;
}

/**
 * Starting answers for the HOA partition search past 30 tasks, where incumbent.ts's
 * price-from-scratch moves stop paying: greedy merging (from singletons, and from the measured
 * groups when there are any), then best-improvement local search (move a task, swap two tasks)
 * on a Grouping that prices each change in O(1), then iterated local search from the best:
 * `kicks` times, shake it (move three tasks, merge two groups or split one), descend, and keep
 * the result when it is better. Deterministic (fixed-seed generator) unless `proceed` (a time
 * limit or Ctrl-C) stops the kicks early.
 * Post-condition: every partition returned has at most model.maxGroups groups.
 */
export function wideHeuristicPartitions(
  model: HoaModel,
  proceed: () => boolean = () => true,
  kicks = defaultKicks(model.n),
): FoundPartition[] {
  const tables = groupingTables(model);
  const found = new Map<string, FoundPartition>();
  const keep = (grouping: Grouping): FoundPartition => {
    descend(grouping, model.maxGroups);
    const groups = canonicalGroups(grouping.taskLists());
    const key = JSON.stringify(groups);
    const priced = found.get(key) ?? {
      groups,
      cost: groups.reduce((a, g) => a + model.groupCost(g), 0),
    };
    found.set(key, priced);
    return priced;
  };
  const starts = [greedyLabels(model, tables, identity(model.n))];
  if (model.measured.size > 0) starts.push(greedyLabels(model, tables, measuredStart(model)));
  let best = starts
    .map((labels) => keep(new Grouping(model, tables, labels)))
    .sort((a, b) => a.cost - b.cost)[0];
  const rng = mulberry32(0x5eed + model.n);
  for (let kick = 0; kick < kicks && proceed(); kick++) {
    const next = keep(shaken(model, tables, best.groups, rng));
    if (next.cost < best.cost - 1e-12) best = next;
  }
  return [...found.values()].sort((a, b) => a.cost - b.cost);
}

function defaultKicks(n: number): number {
  return Math.min(200, 10 * n);
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, t) => t);
}

/**
 * A change counts only when it lowers the cost by more than this share of the costs it
 * touches: far above the drift of a Grouping's running sums, so a descent never cycles on
 * rounding (penalties of 1000 per task make that drift visible at 1e-12).
 */
const RELATIVE_STEP = 1e-9;

/**
 * Best-improvement descent: each task in turn moves to the group (or new group, while fewer
 * than k are open) that lowers the cost most; then every swap of two tasks that lowers it;
 * until neither does (or after n + 50 rounds, a guard that clean data never reaches).
 * Post-condition: no move or swap lowers the cost by more than RELATIVE_STEP of what it touches.
 */
function descend(grouping: Grouping, k: number): void {
  for (let improved = true, round = 0; improved && round < grouping.n + 50; round++) {
    improved = false;
    for (let t = 0; t < grouping.n; t++) {
      const a = grouping.groupOf[t];
      const leave = grouping.costWithout(a, t) - grouping.cost(a);
      let [best, target] = [0, -2];
      for (const b of grouping.open) {
        if (b === a) continue;
        const delta = leave + grouping.costWith(b, t) - grouping.cost(b);
        if (delta < best && lowers(delta, grouping.cost(a) + grouping.cost(b)))
          [best, target] = [delta, b];
      }
      const alone = leave + grouping.costWith(-1, t);
      if (
        grouping.groups < k &&
        grouping.size[a] > 1 &&
        alone < best &&
        lowers(alone, grouping.cost(a))
      )
        target = -1;
      if (target === -2) continue;
      grouping.move(t, target);
      improved = true;
    }
    improved = swapOnce(grouping) || improved;
  }
}

function lowers(delta: number, touched: number): boolean {
  return delta < -RELATIVE_STEP * Math.max(1, touched);
}

/** Applies every swap that lowers the cost, scanning pairs once; true when one did. */
function swapOnce(grouping: Grouping): boolean {
  let improved = false;
  const { groupOf } = grouping;
  for (let t = 0; t < grouping.n; t++) {
    for (let u = t + 1; u < grouping.n; u++) {
      const [a, b] = [groupOf[t], groupOf[u]];
      if (a === b) continue;
      const before = grouping.cost(a) + grouping.cost(b);
      if (!lowers(grouping.costSwapped(a, t, u) + grouping.costSwapped(b, u, t) - before, before))
        continue;
      grouping.swap(t, u);
      improved = true;
    }
  }
  return improved;
}

/** A copy of `groups` shaken once: three tasks moved, two groups merged, or one group split. */
function shaken(
  model: HoaModel,
  tables: GroupingTables,
  groups: number[][],
  rng: () => number,
): Grouping {
  const labels = new Int32Array(model.n);
  groups.forEach((g, i) => g.forEach((t) => (labels[t] = i)));
  let count = groups.length;
  const kind = rng();
  if (kind < 0.4 || count < 2) {
    for (let moves = 0; moves < 3; moves++) {
      const to = Math.floor(rng() * (count < model.maxGroups ? count + 1 : count));
      labels[Math.floor(rng() * model.n)] = to;
      if (to === count) count++;
    }
  } else if (kind < 0.7 || count >= model.maxGroups) {
    const [a, b] = [Math.floor(rng() * count), Math.floor(rng() * count)];
    for (let t = 0; t < model.n; t++) if (labels[t] === b) labels[t] = a;
  } else {
    const a = Math.floor(rng() * count);
    for (let t = 0; t < model.n; t++) if (labels[t] === a && rng() < 0.5) labels[t] = count;
  }
  return new Grouping(model, tables, labels);
}
