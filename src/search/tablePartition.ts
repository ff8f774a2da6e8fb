import { popcount } from './bits.js';
import { relativeGap, SearchBudget } from './budget.js';
import { KBest } from './kBest.js';
import {
  type NetworkModel,
  type NetworkProblem,
  networkModel,
  type Selection,
  selectionKey,
} from './overlapProblem.js';
import type { SolveResult } from './types.js';

/**
 * Partition mode over the explicit networks of a loss table: choose at most `budget` networks
 * whose task sets are disjoint and cover every task, minimising the (weighted) sum of losses.
 * Branching: the lowest uncovered task picks a network containing it that overlaps nothing
 * chosen, so each cover is visited once (top-K answers are distinct). Bound: each uncovered
 * task's least loss over networks still disjoint from the chosen ones; and no more networks
 * than the budget allows, which prunes when the uncovered tasks cannot fit in them.
 */
export function solveTablePartition(p: NetworkProblem): SolveResult<Selection> {
  const model = networkModel(p);
  const budget = new SearchBudget(p);
  const kept = new KBest<Selection>(Math.max(1, p.topK ?? 1));
  const cover = new CoverSearch(model, budget, kept);
  const stoppedAt = cover.visit(0, 0, 0);
  const answers = kept.list();
  const stats = { nodes: budget.nodes, elapsedMs: budget.elapsedMs() };
  const status = budget.status;
  if (answers.length === 0) {
    return {
      status,
      best: { networks: [], serves: [], total: Infinity },
      bound: status === 'optimal' ? Infinity : stoppedAt,
      gap: status === 'optimal' ? 0 : Infinity,
      alternatives: [],
      stats,
    };
  }
  const best = answers[0].total;
  const bound = status === 'optimal' ? best : Math.min(best, stoppedAt);
  return {
    status,
    best: answers[0],
    bound,
    gap: relativeGap(best, bound),
    alternatives: answers.slice(1),
    stats,
  };
}

class CoverSearch {
  private readonly byTask: number[][];
  /** Most tasks any one network covers: with c networks left, at most c·widest tasks fit. */
  private readonly widest: number;
  private readonly chosen: number[] = [];

  constructor(
    private readonly model: NetworkModel,
    private readonly budget: SearchBudget,
    private readonly kept: KBest<Selection>,
  ) {
    const { n, loss, masks } = model;
    this.byTask = Array.from({ length: n }, (_, t) =>
      [...masks.keys()]
        .filter((r) => loss[r * n + t] < Infinity)
        .sort((a, b) => loss[a * n + t] - loss[b * n + t] || a - b),
    );
    this.widest = Math.max(...[...masks].map(popcount));
  }

  /** Covers the tasks outside `covered`; returns +∞ when finished, else the least bound of
   *  what a limit left unexplored. */
  visit(covered: number, count: number, value: number): number {
    const { n, loss, masks } = this.model;
    const all = n === 32 ? -1 : (1 << n) - 1;
    if (covered === all) {
      this.offerLeaf();
      return Infinity;
    }
    const left = n - popcount(covered);
    const slots = Math.floor(this.model.budget + 1e-9) - count;
    if (slots <= 0 || slots * this.widest < left) return Infinity;
    let bound = value;
    for (let t = 0; t < n; t++) {
      if (covered & (1 << t)) continue;
      const r = this.byTask[t].find((q) => (masks[q] & covered) === 0);
      if (r === undefined) return Infinity;
      bound += loss[r * n + t];
    }
    if (this.kept.prunes(bound)) return Infinity;
    if (!this.budget.tick()) return bound;
    let t = 0;
    while (covered & (1 << t)) t++;
    for (const r of this.byTask[t]) {
      if (masks[r] & covered) continue;
      let add = 0;
      for (let u = 0; u < n; u++) if (masks[r] & (1 << u)) add += loss[r * n + u];
      this.chosen.push(r);
      const stopped = this.visit(covered | masks[r], count + 1, value + add);
      this.chosen.pop();
      if (stopped < Infinity) return Math.min(stopped, bound);
    }
    return Infinity;
  }

  private offerLeaf(): void {
    const { n, loss, masks } = this.model;
    const networks = [...this.chosen].sort((a, b) => a - b);
    const serves = new Array<number>(n);
    for (const r of networks) for (let t = 0; t < n; t++) if (masks[r] & (1 << t)) serves[t] = r;
    let total = 0;
    for (let t = 0; t < n; t++) total += loss[serves[t] * n + t];
    this.kept.offer(total, selectionKey(networks), { networks, serves, total });
  }
}
