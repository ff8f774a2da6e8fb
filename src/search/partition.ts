import { relativeGap, SearchBudget, tolerance } from './budget.js';
import { dualShift } from './dualShift.js';
import { canonicalGroups, HoaModel, type HoaPartitionProblem, partitionKey } from './hoa.js';
import { heuristicPartitions } from './incumbent.js';
import { KBest } from './kBest.js';
import { anytimeNodeLimit, EXACT_HOA_TASKS } from './limits.js';
import { NodeQueue } from './nodeQueue.js';
import type { PartitionState } from './partitionState.js';
import type { Partition, SolveResult } from './types.js';
import { wideHeuristicPartitions } from './wideIncumbent.js';

/** Nodes stored before the search turns from best-first to depth-first (memory guard). */
const MAX_STORED_NODES = 3_000_000;

/**
 * Branch and bound for partition mode with HOA group losses: exact up to EXACT_HOA_TASKS tasks
 * (it stops only at the caller's limits), anytime above (it also stops at anytimeNodeLimit(n)
 * nodes, with its best partition, the proven bound and the gap). The first answers come from
 * heuristics: incumbent.ts's up to EXACT_HOA_TASKS tasks, wideIncumbent.ts's above (or when
 * `internal.wideHeuristics` asks for them, as tests do on small problems).
 *
 * Branching: a node puts one task (branchingTask) into each open group or into one new group;
 * new groups take the next index, so relabelled copies of a partition never appear and each
 * partition is reached once (top-K answers are distinct). Bound: PartitionState.lowerBound on
 * a matrix tuned once at the root (dualShift). Order: best-first by bound, so the smallest
 * open bound is a proven bound on the optimum at every moment and stopping early returns the
 * incumbent with that bound and its gap. Past MAX_STORED_NODES nodes, popped nodes are finished
 * depth-first instead, to bound memory.
 */
export function solveHoaPartition(
  p: HoaPartitionProblem,
  internal: { wideHeuristics?: boolean } = {},
): SolveResult<Partition> {
  const model = new HoaModel(p);
  const exact = model.n <= EXACT_HOA_TASKS;
  const budget = new SearchBudget(
    exact ? p : { ...p, nodeLimit: Math.min(p.nodeLimit ?? Infinity, anytimeNodeLimit(model.n)) },
  );
  const kept = new KBest<number[][]>(Math.max(1, p.topK ?? 1));
  const wide = internal.wideHeuristics ?? !exact;
  const found = wide
    ? wideHeuristicPartitions(model, () => budget.within())
    : heuristicPartitions(model);
  for (const s of found) kept.offer(s.cost, partitionKey(s.groups), s.groups);

  const search = new BestFirst(model, kept, budget);
  const floor = search.run();

  const answers = kept.list();
  const values = kept.values();
  const W = model.totalWeight;
  const bestValue = values[0];
  const bound = budget.status === 'optimal' ? bestValue : Math.min(bestValue, floor);
  const toPartition = (groups: number[][], value: number): Partition => ({
    groups,
    objective: value / W,
  });
  return {
    status: budget.status,
    best: toPartition(answers[0], bestValue),
    bound: bound / W,
    gap: relativeGap(bestValue, bound),
    alternatives: answers.slice(1).map((g, i) => toPartition(g, values[i + 1])),
    stats: { nodes: budget.nodes, elapsedMs: budget.elapsedMs() },
  };
}

class BestFirst {
  private readonly queue = new NodeQueue();
  private state!: PartitionState;

  constructor(
    private readonly model: HoaModel,
    private readonly kept: KBest<number[][]>,
    private readonly budget: SearchBudget,
  ) {}

  /** Runs until done or a limit; returns the least lower bound of the unexplored space. */
  run(): number {
    const { queue, kept } = this;
    const root = dualShift(this.model, kept.threshold);
    this.state = root.state;
    if (this.model.n === 1) return Infinity; // the heuristic already holds the only partition
    queue.add(-1, 0, 0, 0, root.bound, this.state.branchingTask());
    while (queue.size > 0) {
      const id = queue.pop();
      const bound = queue.boundOf(id);
      if (kept.prunes(bound)) continue;
      if (!this.budget.tick()) return Math.min(bound, this.openFloor());
      this.replay(queue.path(id));
      const task = queue.nextOf(id);
      if (queue.created < MAX_STORED_NODES) this.expand(id, task, bound);
      else if (!this.dive(task, bound)) return Math.min(bound, this.openFloor());
    }
    return Infinity;
  }

  private openFloor(): number {
    const top = this.queue.peek();
    return top < 0 ? Infinity : this.queue.boundOf(top);
  }

  private replay(path: number[]): void {
    this.state.reset();
    for (let i = 0; i < path.length; i += 2) this.state.assign(path[i], path[i + 1]);
  }

  private depth(): number {
    return this.state.placed;
  }

  /** Children of the current state: `task` into each open group or one new group. */
  private expand(id: number, task: number, bound: number): void {
    const { state, kept } = this;
    const depth = this.depth();
    const options = Math.min(state.m + 1, state.k);
    for (let g = 0; g < options; g++) {
      state.assign(task, g);
      if (depth + 1 === state.n) this.offerLeaf();
      else {
        const b = Math.max(bound, state.lowerBound(this.pruneLevel()));
        if (!kept.prunes(b)) this.queue.add(id, task, g, depth + 1, b, state.branchingTask());
      }
      state.unassign(task, g);
    }
  }

  /** Depth-first completion of the current state; false when a limit stopped it. */
  private dive(task: number, bound: number): boolean {
    const { state, kept } = this;
    const depth = this.depth();
    const options = Math.min(state.m + 1, state.k);
    const children: { g: number; b: number; next: number }[] = [];
    for (let g = 0; g < options; g++) {
      state.assign(task, g);
      if (depth + 1 === state.n) this.offerLeaf();
      else
        children.push({
          g,
          b: Math.max(bound, state.lowerBound(this.pruneLevel())),
          next: state.branchingTask(),
        });
      state.unassign(task, g);
    }
    children.sort((a, b) => a.b - b.b || a.g - b.g);
    for (const { g, b, next } of children) {
      if (kept.prunes(b)) break;
      if (!this.budget.tick()) return false;
      state.assign(task, g);
      const finished = this.dive(next, b);
      state.unassign(task, g);
      if (!finished) return false;
    }
    return true;
  }

  /** A bound at or above this prunes (lets the bound stop refining early). */
  private pruneLevel(): number {
    const t = this.kept.threshold;
    return t - tolerance(t);
  }

  private offerLeaf(): void {
    const { state } = this;
    const cost = state.cost();
    // Equal-cost answers still matter for the tie order; worse ones never do.
    if (cost > this.kept.threshold + tolerance(cost)) return;
    const groups = canonicalGroups(Array.from({ length: state.m }, (_, g) => state.groupTasks(g)));
    this.kept.offer(cost, partitionKey(groups), groups);
  }
}
