import { groupKey } from '../search/index.js';
import { measuredRelative, type SeedLosses } from '../transfer/index.js';
import type { SearchMethod } from './methods/index.js';
import { everyTask } from './subsets.js';

/** What the decision reads of a planned run (the store's planned runs are such). */
export interface RunEvidence {
  /** Task indices, ascending. */
  tasks: number[];
  seed: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Each task's validation loss, in `tasks` order, once done. */
  losses: number[] | null;
  /** A lookahead run's affinity (n × n, row-major, Z(j→i) at [i·n + j]). */
  affinity?: number[] | null;
  /** Its network, when not the shared bottom (pipeline/plan.ts). */
  architecture?: RunNetwork;
}

/** A run's network as the decision tells runs apart: by its architecture's name. */
export interface RunNetwork {
  readonly name: string;
  /** MMoE: its experts. */
  readonly experts?: number;
}

/**
 * The runs of the search's own network (`architecture`; absent: the shared bottom). The others
 * (a shared-bottom search's MMoE baseline, over the same tasks as its all-in-one network) are
 * not evidence of its groupings: mmoeBaseline.ts reads them.
 */
export const ownRuns = <R extends RunEvidence>(runs: R[], architecture?: RunNetwork): R[] =>
  runs.filter((run) => run.architecture?.name === architecture?.name);

/** The runs ownRuns leaves out: those of another network (the MMoE baseline). */
export const otherRuns = <R extends RunEvidence>(runs: R[], architecture?: RunNetwork): R[] =>
  runs.filter((run) => run.architecture?.name !== architecture?.name);

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
  /** Groups of three or more tasks, by group key (their task list: search/bits.ts). */
  groups: Map<string, TrainedGroup>;
  /** Pairs whose every seed's run has ended, by group key ("i,j", i < j). */
  settledPairs?: Set<string>;
  /** A `tag` search's lookahead affinity by seed (null where its run is not done); absent otherwise. */
  affinity?: (number[] | null)[];
  /**
   * Set when some pairs in `losses.pair` are estimates, not runs (a `tag` search): the pairs that
   * were trained. Pairs outside it are the estimate of transfer/pairPrior.ts.
   */
  measuredPairs?: Set<string>;
}

/** Whether the pair {i, j} of the evidence was trained (always, unless the pairs are estimated). */
export const pairMeasured = (evidence: SearchEvidence, i: number, j: number): boolean =>
  evidence.measuredPairs === undefined ||
  evidence.measuredPairs.has(groupKey([i, j].sort((a, b) => a - b)));

/**
 * Arranges the stored losses of a search's runs of its own network (ownRuns) by seed, task, pair
 * and group. The pair losses are the method's (decide/methods): measured pairs, or estimates
 * from lookahead affinities.
 */
export function gatherEvidence(
  taskCount: number,
  allRuns: RunEvidence[],
  method: SearchMethod,
  architecture?: RunNetwork,
): SearchEvidence {
  const runs = ownRuns(allRuns, architecture);
  const seeds = [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b);
  const blank = () => Array.from({ length: taskCount }, () => null as number | null);
  const losses: SeedLosses = {
    alone: seeds.map(blank),
    pair: seeds.map(() => Array.from({ length: taskCount }, blank)),
  };
  const groups: SearchEvidence['groups'] = new Map();
  const ended = new Map<string, number>();
  const pairsEnded = new Map<string, number>();
  for (const run of runs) {
    const s = seeds.indexOf(run.seed);
    const key = groupKey(run.tasks);
    if (run.tasks.length === 2 && (run.status === 'done' || run.status === 'failed'))
      pairsEnded.set(key, (pairsEnded.get(key) ?? 0) + 1);
    if (run.tasks.length >= 3) {
      if (!groups.has(key))
        groups.set(key, { tasks: run.tasks, bySeed: seeds.map(() => null), settled: false });
      if (run.status === 'done' || run.status === 'failed')
        ended.set(key, (ended.get(key) ?? 0) + 1);
    }
    if (run.status !== 'done' || !run.losses) continue;
    if (run.tasks.length === 1) losses.alone[s][run.tasks[0]] = run.losses[0];
    else if (run.tasks.length === 2) {
      const [i, j] = run.tasks;
      losses.pair[s][i][j] = run.losses[0];
      losses.pair[s][j][i] = run.losses[1];
    } else groups.get(key)!.bySeed[s] = run.losses;
  }
  for (const [key, group] of groups) group.settled = ended.get(key) === seeds.length;
  const settledPairs = new Set(
    [...pairsEnded].filter(([, count]) => count === seeds.length).map(([key]) => key),
  );
  const affinity = seeds.map(
    (seed) =>
      runs.find((run) => run.seed === seed && run.status === 'done' && run.affinity)?.affinity ??
      null,
  );
  const allInOne = groups.get(groupKey(everyTask(taskCount)))?.bySeed ?? seeds.map(() => null);
  losses.pair = method.pairLosses({ alone: losses.alone, pair: losses.pair, allInOne, affinity });
  const evidence: SearchEvidence = { seeds, losses, groups, settledPairs };
  return affinity.some((z) => z !== null) ? { ...evidence, affinity } : evidence;
}

/**
 * Relative loss of each member of a trained group (mean over seeds); null if none finished.
 * `scored` says which members the objective scores: an auxiliary member (a search with
 * auxiliaries never trains one alone) gets 0, which its weight of 0 makes count for nothing.
 */
export function measuredMeans(
  evidence: SearchEvidence,
  group: TrainedGroup,
  scored: (task: number) => boolean = () => true,
): number[] | null {
  const values = measuredRelative(evidence.losses.alone, group.tasks, group.bySeed).map((v, k) =>
    scored(group.tasks[k]) ? v.mean : 0,
  );
  return values.every(Number.isFinite) ? values : null;
}
