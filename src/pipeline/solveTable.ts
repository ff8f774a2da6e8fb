import { resolveSolveOptions } from '../config/solveOptions.js';
import {
  resolveSolveSettings,
  type SolveMode,
  type SolveSettings,
} from '../config/solveSettings.js';
import { readLossTable, type LossTable } from '../data/lossTable.js';
import { InterruptedError, UsageError } from '../errors.js';
import {
  firstRowBySet,
  hoaCandidates,
  hoaPartitionFromTable,
  type NamedNetwork,
} from '../search/hoaTable.js';
import {
  groupKey,
  solveHoaPartition,
  solveOverlap,
  solveTablePartition,
  type Partition,
  type SearchLimits,
  type Selection,
  type SolveResult,
} from '../search/index.js';

/** One answer as printed: the networks, the tasks each serves, and the total. */
export interface SolveAnswer {
  total: number;
  networks: { name: string; tasks: string[]; cost: number; serves: string[] }[];
}

/** What `solve` prints (`solve --json`, docs/solve.md). */
export interface SolveReport extends SolveAnswer {
  mode: SolveMode;
  budget: number;
  optimal: boolean;
  status: string;
  bound: number;
  gap: number;
  alternatives: SolveAnswer[];
  nodes: number;
  elapsedMs: number;
}

/** A solve with its flags validated and its table read: plain data, so it can cross threads. */
export interface SolveJob extends SolveSettings {
  table: LossTable;
}

/**
 * Validates solve's flags (`from` 'flags') or the library's options, then reads the table.
 * Throws a UsageError naming the flag or file at fault.
 */
export function prepareSolve(options: unknown, from: 'flags' | 'library' = 'flags'): SolveJob {
  const parsed = resolveSolveOptions(options, from);
  const table = readLossTable(parsed.table);
  return { ...resolveSolveSettings(parsed, table.tasks), table };
}

/** Validates, reads the table and solves in this thread (prepareSolve, then solveJob). */
export function runSolve(options: unknown, shouldStop?: () => boolean): SolveReport {
  return solveJob(prepareSolve(options), shouldStop);
}

/**
 * Solves a prepared job until done, out of time, or `shouldStop` (checked with the limits).
 * Throws a UsageError when no answer can serve every task, and an InterruptedError when stopped
 * before any answer was found.
 */
export function solveJob(job: SolveJob, shouldStop?: () => boolean): SolveReport {
  const { mode, table, budget, weights, timeLimitSec } = job;
  const limits = {
    topK: job.topK,
    timeLimitMs: timeLimitSec === undefined ? undefined : timeLimitSec * 1000,
    shouldStop,
  };
  if (mode === 'partition' && job.hoa) return partitionHoa(table, budget, weights, limits);
  const candidates: NamedNetwork[] = job.hoa
    ? hoaCandidates(table.networks, table.tasks)
    : table.networks;
  checkServable(table, candidates, mode, budget);
  const problem = { networks: candidates, budget, weights, ...limits };
  const result = mode === 'overlap' ? solveOverlap(problem) : solveTablePartition(problem);
  if (result.best.total === Infinity) {
    if (result.status === 'interrupted')
      throw new InterruptedError(`${table.file}: interrupted before any answer was found`);
    if (result.status === 'limit')
      throw new UsageError(`${table.file}: no answer found within --time-limit ${timeLimitSec}s`);
    throw new UsageError(
      `${table.file}: no choice of networks within --budget ${budget} serves every task${mode === 'partition' ? ' with disjoint networks' : ''}`,
    );
  }
  const answer = (s: Selection): SolveAnswer =>
    selectionAnswer(s, candidates, table.tasks, weights);
  return report(mode, budget, result, answer);
}

/** Partition mode with --hoa: every group is a candidate, priced from the single and pair rows. */
function partitionHoa(
  table: LossTable,
  budget: number,
  weights: number[],
  limits: SearchLimits,
): SolveReport {
  const { problem, scale } = hoaPartitionFromTable(table.networks, table.tasks, weights);
  const result = solveHoaPartition({ ...problem, budget, ...limits });
  const rowOf = firstRowBySet(table.networks);
  const answer = (p: Partition): SolveAnswer => {
    const networks = p.groups.map((g) => {
      // A lone task stands for its best single-task row (the one HOA priced it with).
      const row = g.length === 1 ? bestSingle(table.networks, g[0]) : rowOf.get(groupKey(g));
      const tasks = g.map((t) => table.tasks[t]);
      return { name: row?.name ?? tasks.join('+'), tasks, cost: row?.cost ?? 1, serves: tasks };
    });
    return { total: p.objective * scale, networks };
  };
  return report('partition', budget, result, answer, scale);
}

function bestSingle(networks: NamedNetwork[], t: number): NamedNetwork | undefined {
  const singles = networks.filter(
    (net) => net.loss[t] !== null && net.loss.every((l, u) => u === t || l === null),
  );
  return singles.reduce<NamedNetwork | undefined>(
    (best, net) =>
      best === undefined || (net.loss[t] as number) < (best.loss[t] as number) ? net : best,
    undefined,
  );
}

function report<T>(
  mode: SolveMode,
  budget: number,
  result: SolveResult<T>,
  answer: (x: T) => SolveAnswer,
  scale = 1,
): SolveReport {
  const best = answer(result.best);
  return {
    mode,
    budget,
    total: best.total,
    optimal: result.status === 'optimal',
    status: result.status,
    bound: result.bound * scale,
    gap: result.gap,
    networks: best.networks,
    alternatives: result.alternatives.map(answer),
    nodes: result.stats.nodes,
    elapsedMs: Math.round(result.stats.elapsedMs * 10) / 10,
  };
}

function selectionAnswer(
  s: Selection,
  candidates: NamedNetwork[],
  tasks: string[],
  weights: number[],
): SolveAnswer {
  const networks = s.networks.map((r) => ({
    name: candidates[r].name,
    tasks: tasks.filter((_, t) => candidates[r].loss[t] !== null),
    cost: candidates[r].cost,
    serves: tasks.filter((_, t) => s.serves[t] === r),
  }));
  // Re-add in task order from the table's own numbers (weighted), as the JSON contract says.
  const total = s.serves.reduce((a, r, t) => a + weights[t] * (candidates[r].loss[t] as number), 0);
  return { total, networks };
}

/** Every task needs a network it belongs to that the budget affords (in partition mode, any row: the budget counts networks). */
function checkServable(
  table: LossTable,
  candidates: NamedNetwork[],
  mode: SolveMode,
  budget: number,
): void {
  table.tasks.forEach((task, t) => {
    const affordable = candidates.some(
      (net) => net.loss[t] !== null && (mode === 'partition' || net.cost <= budget + 1e-9),
    );
    if (!affordable)
      throw new UsageError(
        `${table.file}, column "${task}": no network within --budget ${budget} contains this task`,
      );
  });
}
