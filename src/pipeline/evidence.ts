import { groupKey, solveHoaPartition, type HoaPartitionProblem } from '../search/index.js';
import type { PlannedRunState } from '../store/index.js';
import { measuredRelative, relativePairMatrix, type SeedLosses } from '../transfer/index.js';

/** At most this many groups (of 3+ tasks) per task count are verified: a bound on extra training. */
export const verifiedGroupsPerTask = 2;

/**
 * Node limit of the solver (about 100k nodes a second): a node count, not seconds, so the same
 * runs give the same answer on any machine. Problems with clear structure finish far below it;
 * a structureless 25-30-task problem may stop at the limit with a proven gap, reported.
 */
export const chosenNodeLimit = 3_000_000;

/** A group of three or more tasks planned for verification, with what its runs measured. */
export interface TrainedGroup {
  tasks: number[];
  /** Losses by seed index (null where not done). */
  bySeed: (number[] | null)[];
  /** Every seed's run has ended (done, or failed for good): nothing more will be learned. */
  settled: boolean;
}

/** What a search's finished runs measured, arranged for transfer scores and the solver. */
export interface SearchEvidence {
  seeds: number[];
  /** Singles and pairs by seed (null where not done). */
  losses: SeedLosses;
  /** Groups of three or more tasks, by groupKey. */
  groups: Map<string, TrainedGroup>;
}

/** Arranges the stored losses of a search's runs by seed, task, pair and group. */
export function gatherEvidence(taskCount: number, runs: PlannedRunState[]): SearchEvidence {
  const seeds = [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b);
  const blank = () => Array.from({ length: taskCount }, () => null as number | null);
  const losses: SeedLosses = {
    alone: seeds.map(blank),
    pair: seeds.map(() => Array.from({ length: taskCount }, blank)),
  };
  const groups: SearchEvidence['groups'] = new Map();
  const ended = new Map<string, number>();
  for (const run of runs) {
    const s = seeds.indexOf(run.seed);
    if (run.tasks.length >= 3) {
      const key = groupKey(run.tasks);
      if (!groups.has(key)) groups.set(key, { tasks: run.tasks, bySeed: seeds.map(() => null), settled: false });
      if (run.status === 'done' || run.status === 'failed') ended.set(key, (ended.get(key) ?? 0) + 1);
    }
    if (run.status !== 'done' || !run.losses) continue;
    if (run.tasks.length === 1) losses.alone[s][run.tasks[0]] = run.losses[0];
    else if (run.tasks.length === 2) {
      const [i, j] = run.tasks;
      losses.pair[s][i][j] = run.losses[0];
      losses.pair[s][j][i] = run.losses[1];
    } else groups.get(groupKey(run.tasks))!.bySeed[s] = run.losses;
  }
  for (const [key, group] of groups) group.settled = ended.get(key) === seeds.length;
  return { seeds, losses, groups };
}

/** Relative loss of each member of a trained group (mean over seeds); null if none finished. */
function measuredMeans(evidence: SearchEvidence, group: TrainedGroup): number[] | null {
  const values = measuredRelative(evidence.losses.alone, group.tasks, group.bySeed).map((v) => v.mean);
  return values.every(Number.isFinite) ? values : null;
}

export interface VerificationPath {
  /** The grouping problem: HOA from pairs, measured losses for the groups the path verified. */
  problem: HoaPartitionProblem;
  /** The groups the path verified (group keys), in the order it reached them. */
  verified: string[];
  /** Groups the path needs next that are not fully trained yet: empty when the path is complete. */
  needed: number[][];
}

export interface VerificationOptions {
  weights: number[];
  maxGroups: number;
  verify: boolean;
}

/**
 * Replays verification from the pairs: solve, take the best grouping's groups of three or more,
 * and where their runs have all ended, put their measured losses in place of HOA and solve
 * again, until the best grouping is fully measured, a needed group is not trained yet, or the
 * cap is reached. Groups trained off this path (by a process that planned from runs still in
 * flight) are ignored, so the answer is a function of the runs on the path alone: a resumed or
 * concurrent search ends where an uninterrupted one does.
 */
export function followVerification(evidence: SearchEvidence, o: VerificationOptions): VerificationPath {
  const taskCount = evidence.losses.alone[0]?.length ?? 0;
  const problem: HoaPartitionProblem = { pair: relativePairMatrix(evidence.losses), weights: o.weights, measured: new Map() };
  const verified: string[] = [];
  while (o.verify && verified.length < verifiedGroupsPerTask * taskCount) {
    const best = solveHoaPartition({ ...problem, maxGroups: o.maxGroups, nodeLimit: chosenNodeLimit }).best;
    const next = best.groups.filter((group) => group.length >= 3 && !verified.includes(groupKey(group)));
    if (next.length === 0) break;
    const needed = next.filter((group) => !evidence.groups.get(groupKey(group))?.settled);
    if (needed.length > 0) return { problem, verified, needed };
    for (const group of next) {
      const key = groupKey(group);
      verified.push(key);
      const means = measuredMeans(evidence, evidence.groups.get(key)!);
      // A group whose every run failed keeps its HOA estimate; it is still not tried again.
      if (means) problem.measured!.set(key, means);
    }
  }
  return { problem, verified, needed: [] };
}
