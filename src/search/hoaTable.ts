import { UsageError } from '../errors.js';
import { groupKey, tasksOf } from './bits.js';
import type { HoaPartitionProblem } from './hoa.js';
import { MAX_HOA_OVERLAP_TASKS } from './limits.js';
import type { CandidateNetwork } from './overlapProblem.js';

/** A table network with its display name. */
export interface NamedNetwork extends CandidateNetwork {
  name: string;
}

/**
 * Overlap-mode candidates under HOA (Standley's higher-order approximation): rows of one or
 * two tasks keep their measured losses; every group of three or more tasks whose pairs are all
 * in the table becomes a full network (cost 1, or the cost of the table's row for that group)
 * where task t's loss is the mean of its losses in the pair networks {t,u}, u in the group.
 * The pair network of {t,u} is the table's first row holding exactly t and u.
 */
export function hoaCandidates(networks: NamedNetwork[], taskNames: string[]): NamedNetwork[] {
  const n = taskNames.length;
  if (n > MAX_HOA_OVERLAP_TASKS)
    throw new UsageError(
      `--hoa in overlap mode supports at most ${MAX_HOA_OVERLAP_TASKS} tasks (the table has ${n})`,
    );
  const rowOf = firstRowBySet(networks);
  const small = networks.filter((net) => membersOf(net).length <= 2);
  const estimated: NamedNetwork[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = tasksOf(mask);
    if (members.length < 3) continue;
    const loss: (number | null)[] = new Array(n).fill(null);
    let complete = true;
    for (const t of members) {
      let sum = 0;
      for (const u of members) {
        if (u === t) continue;
        const pair = rowOf.get(groupKey([t, u]));
        if (pair === undefined) complete = false;
        else sum += pair.loss[t] as number;
      }
      loss[t] = sum / (members.length - 1);
    }
    if (!complete) continue;
    const row = rowOf.get(members.join(','));
    estimated.push({
      name: row?.name ?? members.map((t) => taskNames[t]).join('+'),
      cost: row?.cost ?? 1,
      loss,
    });
  }
  return [...small, ...estimated];
}

/**
 * Partition mode under HOA from a table: relative pair losses pair[t][u] = L_t({t,u}) / L_t({t})
 * with L_t({t}) the least loss of t over the table's single-task rows, and weights w_t·L_t({t}),
 * so that the HOA objective times Σ w_t·L_t({t}) is the table's total. Every pair must have a row.
 */
export function hoaPartitionFromTable(
  networks: NamedNetwork[],
  taskNames: string[],
  weights: number[],
): { problem: HoaPartitionProblem; scale: number } {
  const n = taskNames.length;
  const rowOf = firstRowBySet(networks);
  const alone = taskNames.map((name, t) => {
    const singles = networks.filter((net) => membersOf(net).length === 1 && net.loss[t] !== null);
    if (singles.length === 0)
      throw new UsageError(
        `--hoa needs a single-task network for every task: none holds only "${name}"`,
      );
    const best = Math.min(...singles.map((net) => net.loss[t] as number));
    if (!(best > 0))
      throw new UsageError(`--hoa needs a positive single-task loss for "${name}" (got ${best})`);
    return best;
  });
  const pair = taskNames.map((_, t) =>
    taskNames.map((_, u) => {
      if (u === t) return 1;
      const row = rowOf.get(groupKey([t, u]));
      if (row === undefined)
        throw new UsageError(
          `--hoa needs a network for every pair of tasks: no row holds exactly "${taskNames[t]}" and "${taskNames[u]}"`,
        );
      return (row.loss[t] as number) / alone[t];
    }),
  );
  const scaled = weights.map((w, t) => w * alone[t]);
  return {
    problem: { pair, weights: scaled, budget: n },
    scale: scaled.reduce((a, b) => a + b, 0),
  };
}

/** The first row of each task set, by group key. */
export function firstRowBySet(networks: NamedNetwork[]): Map<string, NamedNetwork> {
  const out = new Map<string, NamedNetwork>();
  for (const net of networks) {
    const key = groupKey(membersOf(net));
    if (!out.has(key)) out.set(key, net);
  }
  return out;
}

function membersOf(net: CandidateNetwork): number[] {
  return net.loss.flatMap((l, t) => (l === null ? [] : [t]));
}
