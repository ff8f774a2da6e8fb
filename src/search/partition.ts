import { relativeGap, SearchBudget, tolerance } from './budget.js';
import { dualShift } from './dualShift.js';
import { canonicalGroups, HoaModel, type HoaPartitionProblem, partitionKey, tasksOf } from './hoa.js';
import { heuristicPartitions } from './incumbent.js';
import { KBest } from './kBest.js';
import { NodeQueue } from './nodeQueue.js';
import { PartitionState } from './partitionState.js';
import type { Partition, SolveResult } from './types.js';

/** Open nodes kept before the search turns from best-first to depth-first (memory guard). */
const MAX_STORED_NODES = 3_000_000;

/**
 * Exact branch and bound for partition mode with HOA group losses. Tasks are assigned in a
 * fixed order (branchingOrder); each node's children put the next task into one of the open
 * groups or into one new group. Nodes are expanded best-first by lower bound
 * (PartitionState.lowerBound), so the smallest open bound is a proven bound on the optimum at
 * any moment: stopping early returns the incumbent with that bound and its gap. Past
 * MAX_STORED_NODES open nodes, popped nodes are finished depth-first instead, to bound memory.
 */
export function solveHoaPartition(p: HoaPartitionProblem): SolveResult<Partition> {
  const model = new HoaModel(p);
  const budget = new SearchBudget(p);
  const kept = new KBest<number[][]>(Math.max(1, p.topK ?? 1));
  const starts = heuristicPartitions(model);
  for (const s of starts) kept.offer(s.cost, partitionKey(s.groups), s.groups);

  const order = branchingOrder(starts[0].groups);
  const shifted = dualShift(model, kept.threshold);
  const state = new PartitionState(model, shifted);
  const search = new BestFirst(model, state, order, kept, budget);
  const floor = search.run();

  const answers = kept.list();
  const values = kept.values();
  const W = model.totalWeight;
  const bestValue = values[0];
  const bound = budget.status === 'optimal' ? bestValue : Math.min(bestValue, floor);
  const toPartition = (groups: number[][], value: number): Partition => ({ groups, objective: value / W });
  return {
    status: budget.status,
    best: toPartition(answers[0], bestValue),
    bound: bound / W,
    gap: relativeGap(bestValue, bound),
    alternatives: answers.slice(1).map((g, i) => toPartition(g, values[i + 1])),
    stats: { nodes: budget.nodes, elapsedMs: budget.elapsedMs() },
  };
}

/**
 * Order in which tasks are assigned. Guarantee: any order is exact. This one deals the tasks of
 * the incumbent's groups round-robin (largest groups first), so the first tasks tend to belong
 * to different groups: the group-count price bites early and bounds rise fast near the root
 * (about a third fewer nodes than other orders we tried on random instances).
 */
export function branchingOrder(incumbent: number[][]): number[] {
  const queues = [...incumbent].sort((a, b) => b.length - a.length || a[0] - b[0]).map((g) => [...g]);
  const order: number[] = [];
  for (let round = 0; order.length < queues.reduce((a, g) => a + g.length, 0); round++) {
    for (const g of queues) if (round < g.length) order.push(g[round]);
  }
  return order;
}

class BestFirst {
  private readonly queue = new NodeQueue();

  constructor(
    private readonly model: HoaModel,
    private readonly state: PartitionState,
    private readonly order: number[],
    private readonly kept: KBest<number[][]>,
    private readonly budget: SearchBudget,
  ) {}

  /** Runs until done or a limit; returns the least lower bound of the unexplored space. */
  run(): number {
    const { queue, kept } = this;
    queue.add(-1, 0, 0, this.state.lowerBound());
    while (queue.size > 0) {
      const id = queue.pop();
      const bound = queue.boundOf(id);
      if (kept.prunes(bound)) continue;
      if (!this.budget.tick()) return Math.min(bound, this.openFloor());
      this.replay(queue.path(id));
      if (queue.created < MAX_STORED_NODES) this.expand(id, bound);
      else if (!this.dive(bound)) return Math.min(bound, this.openFloor());
    }
    return Infinity;
  }

  private openFloor(): number {
    const top = this.queue.peek();
    return top < 0 ? Infinity : this.queue.boundOf(top);
  }

  private replay(path: number[]): void {
    this.state.reset();
    path.forEach((g, d) => this.state.assign(this.order[d], g));
  }

  /** Children of the current state: the next task into each open group or one new group. */
  private expand(id: number, bound: number): void {
    const { state, order, kept } = this;
    const depth = state.groupOf.reduce((a, g) => a + (g >= 0 ? 1 : 0), 0);
    const t = order[depth];
    const options = Math.min(state.m + 1, state.k);
    for (let g = 0; g < options; g++) {
      state.assign(t, g);
      if (depth + 1 === state.n) this.offerLeaf();
      else {
        const b = Math.max(bound, state.lowerBound());
        if (!kept.prunes(b)) this.queue.add(id, g, depth + 1, b);
      }
      state.unassign(t, g);
    }
  }

  /** Depth-first completion of the current state; false when a limit stopped it. */
  private dive(bound: number): boolean {
    const { state, order, kept } = this;
    const depth = state.groupOf.reduce((a, g) => a + (g >= 0 ? 1 : 0), 0);
    const t = order[depth];
    const options = Math.min(state.m + 1, state.k);
    const children: { g: number; b: number }[] = [];
    for (let g = 0; g < options; g++) {
      state.assign(t, g);
      if (depth + 1 === state.n) this.offerLeaf();
      else children.push({ g, b: Math.max(bound, state.lowerBound()) });
      state.unassign(t, g);
    }
    children.sort((a, b) => a.b - b.b || a.g - b.g);
    for (const { g, b } of children) {
      if (kept.prunes(b)) break;
      if (!this.budget.tick()) return false;
      state.assign(t, g);
      const finished = this.dive(b);
      state.unassign(t, g);
      if (!finished) return false;
    }
    return true;
  }

  private offerLeaf(): void {
    const { state } = this;
    const cost = state.cost();
    // Equal-cost answers still matter for the tie order; worse ones never do.
    if (cost > this.kept.threshold + tolerance(cost)) return;
    const groups = canonicalGroups(Array.from({ length: state.m }, (_, g) => tasksOf(state.groupMask[g])));
    this.kept.offer(cost, partitionKey(groups), groups);
  }
}
