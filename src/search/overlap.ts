import { relativeGap, SearchBudget } from './budget.js';
import { KBest } from './kBest.js';
import { OverlapBound } from './overlapBound.js';
import {
  BUDGET_EPS,
  type NetworkModel,
  type NetworkProblem,
  networkModel,
  type Selection,
  selectionKey,
} from './overlapProblem.js';
import type { SolveResult } from './types.js';

/**
 * Exact branch and bound for Standley's network selection (overlap mode): choose networks of
 * total cost ≤ budget, each task served by the best chosen network containing it, every task
 * served; minimise the (weighted) sum of the served losses.
 *
 * Branching: tasks in order; the next task is served either by the best network already chosen
 * or by a new network that serves it strictly better (ties: lower index). A new network must
 * not beat the server of any earlier task (else the same set is reached on the path where it
 * was chosen earlier), so every set whose networks all serve something is visited once, with
 * its true total: top-K answers are distinct. Bound: each remaining task's best loss among the
 * chosen networks or any network the remaining budget affords.
 */
export function solveOverlap(p: NetworkProblem): SolveResult<Selection> {
  const model = networkModel(p);
  const search = new OverlapSearch(
    model,
    new SearchBudget(p),
    new KBest<Selection>(Math.max(1, p.topK ?? 1)),
  );
  return search.result();
}

class OverlapSearch {
  private readonly n: number;
  /** byTask[t]: networks containing t, by ascending loss of t (ties: index). */
  private readonly byTask: number[][];
  private readonly pricing: OverlapBound;
  private readonly chosen: number[] = [];
  private readonly isChosen: Uint8Array;
  /** Best chosen network for each task, and its loss (−1, ∞ when none). */
  private readonly bestNet: Int32Array;
  private readonly bestLoss: Float64Array;
  private readonly server: Int32Array;
  private used = 0;
  /** Undo stack of choose(): (task, previous best network) pairs; depth ≤ n networks. */
  private readonly undoTask: Int32Array;
  private readonly undoNet: Int32Array;
  private undoTop = 0;
  private stoppedAt = Infinity;

  constructor(
    private readonly model: NetworkModel,
    private readonly budget: SearchBudget,
    private readonly kept: KBest<Selection>,
  ) {
    const { n, loss, costs } = model;
    this.n = n;
    const rows = costs.length;
    this.byTask = Array.from({ length: n }, (_, t) =>
      [...Array(rows).keys()]
        .filter((r) => loss[r * n + t] < Infinity)
        .sort((a, b) => loss[a * n + t] - loss[b * n + t] || a - b),
    );
    this.pricing = new OverlapBound(model);
    this.isChosen = new Uint8Array(rows);
    this.bestNet = new Int32Array(n).fill(-1);
    this.bestLoss = new Float64Array(n).fill(Infinity);
    this.server = new Int32Array(n).fill(-1);
    this.undoTask = new Int32Array(n * (n + 1));
    this.undoNet = new Int32Array(n * (n + 1));
  }

  result(): SolveResult<Selection> {
    this.visit(0, 0);
    const answers = this.kept.list();
    const status = this.budget.status;
    const stats = { nodes: this.budget.nodes, elapsedMs: this.budget.elapsedMs() };
    if (answers.length === 0) {
      const none: Selection = { networks: [], serves: [], total: Infinity };
      // Nothing feasible was found: infeasible when finished, unknown when stopped early.
      return {
        status,
        best: none,
        bound: status === 'optimal' ? Infinity : this.stoppedAt,
        gap: status === 'optimal' ? 0 : Infinity,
        alternatives: [],
        stats,
      };
    }
    const best = answers[0].total;
    const bound = status === 'optimal' ? best : Math.min(best, this.stoppedAt);
    return {
      status,
      best: answers[0],
      bound,
      gap: relativeGap(best, bound),
      alternatives: answers.slice(1),
      stats,
    };
  }

  /** Lower bound on any completion once tasks < t are served with `value` (OverlapBound). */
  private lowerBound(t: number, value: number): number {
    const enough = this.kept.threshold - value;
    return (
      value +
      this.pricing.bound(t, this.model.budget - this.used + BUDGET_EPS, this.bestLoss, enough)
    );
  }

  /** Serves task t and the rest; false once a limit stopped the search. */
  private visit(t: number, value: number): boolean {
    const bound = this.lowerBound(t, value);
    if (bound === Infinity || this.kept.prunes(bound)) return true;
    if (!this.budget.tick()) {
      this.stoppedAt = bound;
      return false;
    }
    if (t === this.n) {
      this.offerLeaf();
      return true;
    }
    const { n, loss, costs } = this.model;
    const current = this.bestNet[t];
    if (current >= 0) {
      this.server[t] = current;
      if (!this.visit(t + 1, value + this.bestLoss[t])) return this.stop(bound);
    }
    const remaining = this.model.budget - this.used + BUDGET_EPS;
    for (const r of this.byTask[t]) {
      const l = loss[r * n + t];
      if (current >= 0 && (l > this.bestLoss[t] || (l === this.bestLoss[t] && r > current))) break;
      if (this.isChosen[r] || costs[r] > remaining || !this.canonical(r, t)) continue;
      const mark = this.choose(r);
      this.server[t] = r;
      const going = this.visit(t + 1, value + l);
      this.unchoose(r, mark);
      if (!going) return this.stop(bound);
    }
    return true;
  }

  private stop(bound: number): false {
    this.stoppedAt = Math.min(this.stoppedAt, bound);
    return false;
  }

  /** A network chosen at task t must not serve any earlier task better than its server. */
  private canonical(r: number, t: number): boolean {
    const { n, loss, masks } = this.model;
    for (let u = 0; u < t; u++) {
      if (!(masks[r] & (1 << u))) continue;
      const s = this.server[u];
      const l = loss[r * n + u];
      const ls = loss[s * n + u];
      if (l < ls || (l === ls && r < s)) return false;
    }
    return true;
  }

  /** Adds network r; returns the undo mark to hand back to unchoose. */
  private choose(r: number): number {
    const { n, loss, costs, masks } = this.model;
    const mark = this.undoTop;
    this.chosen.push(r);
    this.isChosen[r] = 1;
    this.used += costs[r];
    for (let u = 0; u < n; u++) {
      if (!(masks[r] & (1 << u))) continue;
      const l = loss[r * n + u];
      const b = this.bestNet[u];
      if (b < 0 || l < this.bestLoss[u] || (l === this.bestLoss[u] && r < b)) {
        this.undoTask[this.undoTop] = u;
        this.undoNet[this.undoTop++] = b;
        this.bestNet[u] = r;
        this.bestLoss[u] = l;
      }
    }
    return mark;
  }

  private unchoose(r: number, mark: number): void {
    const { n, loss, costs } = this.model;
    this.chosen.pop();
    this.isChosen[r] = 0;
    this.used -= costs[r];
    while (this.undoTop > mark) {
      const u = this.undoTask[--this.undoTop];
      const b = this.undoNet[this.undoTop];
      this.bestNet[u] = b;
      this.bestLoss[u] = b < 0 ? Infinity : loss[b * n + u];
    }
  }

  private offerLeaf(): void {
    const networks = [...this.chosen].sort((a, b) => a - b);
    const { n, loss } = this.model;
    // Re-add in task order so equal sets get bit-identical totals whatever the path.
    let total = 0;
    for (let t = 0; t < n; t++) total += loss[this.server[t] * n + t];
    this.kept.offer(total, selectionKey(networks), { networks, serves: [...this.server], total });
  }
}
