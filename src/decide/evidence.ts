import { groupKey } from '../search/index.js';
import type { PlannedRunState } from '../store/index.js';
import { affinityPairLosses, measuredRelative, type SeedLosses } from '../transfer/index.js';

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
  /** Groups of three or more tasks, by bitmask. */
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
      const mask = groupKey(run.tasks);
      if (!groups.has(mask))
        groups.set(mask, { tasks: run.tasks, bySeed: seeds.map(() => null), settled: false });
      if (run.status === 'done' || run.status === 'failed')
        ended.set(mask, (ended.get(mask) ?? 0) + 1);
    }
    if (run.status !== 'done' || !run.losses) continue;
    if (run.tasks.length === 1) losses.alone[s][run.tasks[0]] = run.losses[0];
    else if (run.tasks.length === 2) {
      const [i, j] = run.tasks;
      losses.pair[s][i][j] = run.losses[0];
      losses.pair[s][j][i] = run.losses[1];
    } else groups.get(groupKey(run.tasks))!.bySeed[s] = run.losses;
  }
  for (const [mask, group] of groups) group.settled = ended.get(mask) === seeds.length;
  const affinity = seeds.map(
    (seed) =>
      runs.find((run) => run.seed === seed && run.status === 'done' && run.affinity)?.affinity ??
      null,
  );
  if (affinity.some((z) => z !== null)) {
    // A tag search trains no pairs: its lookahead runs estimate them (transfer/affinityPairs.ts).
    const everyTask = groups.get(groupKey(Array.from({ length: taskCount }, (_, t) => t)));
    losses.pair = affinityPairLosses({
      alone: losses.alone,
      allInOne: everyTask?.bySeed ?? seeds.map(() => null),
      affinity,
    });
  }
  return { seeds, losses, groups };
}

/** Relative loss of each member of a trained group (mean over seeds); null if none finished. */
export function measuredMeans(evidence: SearchEvidence, group: TrainedGroup): number[] | null {
  const values = measuredRelative(evidence.losses.alone, group.tasks, group.bySeed).map(
    (v) => v.mean,
  );
  return values.every(Number.isFinite) ? values : null;
}
