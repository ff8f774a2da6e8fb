/**
 * The truth's optimum and a search's answer measured again on fresh seeds: bench:quality's check
 * of whether a regret is a better grouping missed or the optimum's luck. An exhaustive truth's
 * optimum is the least of thousands of noisy objectives (4,213,597 groupings of 12 tasks), so it
 * is biased low by its seeds' noise; fresh seeds (a new base seed: a new split, data order and
 * initial weights) measure both groupings without that bias.
 *
 * Each group of 2+ tasks of either grouping is trained by `taskgroup search --tasks GROUP
 * --budget 1 --no-verify` (its runs alone, its pairs and the group itself, every seed) on the
 * same database, with the case's other tasks left out of the features as in the case's own
 * search, and read from the report's per-seed rows; a task alone counts 1.
 */
import type { ReportModel } from '../src/report/model.js';
import { meanAndStderr } from '../src/transfer/scores.js';

/** Base seed of the fresh runs: far from the searches' own seeds 0, 1, 2... */
export const FRESH_BASE_SEED = 1_000_003;

export interface FreshComparison {
  seeds: number;
  chosen: number;
  optimum: number;
  /** (chosen − optimum) ÷ optimum, the mean of the per-seed differences. */
  regret: number;
  regretStderr: number;
}

type Grouping = string[][];

/**
 * Both groupings' objectives (equal weights) on `seeds` fresh seeds, and the chosen one's regret
 * seed by seed; `search` runs `taskgroup search` with the case's data on the bench database,
 * `excluded` are the columns the case leaves out of its features.
 */
export function freshComparison(
  search: (args: string[]) => ReportModel,
  chosen: Grouping,
  optimum: Grouping,
  seeds: number,
  excluded: string[] = [],
): FreshComparison {
  const tasks = chosen.flat();
  const relative = new Map<string, number[]>(); // `${group}|${task}` → relative loss per seed
  for (const group of [...chosen, ...optimum].filter((g) => g.length > 1)) {
    if (relative.has(`${group.join(',')}|${group[0]}`)) continue;
    const left = [...excluded, ...tasks.filter((t) => !group.includes(t))];
    const model = search([
      '--tasks',
      group.join(','),
      ...(left.length > 0 ? ['--exclude', left.join(',')] : []),
      '--budget',
      '1',
      '--method',
      'pairs',
      '--no-verify',
      '--no-mmoe-baseline',
      '--new',
      '--seed',
      String(FRESH_BASE_SEED),
      '--seeds',
      String(seeds),
    ]);
    for (const task of group) {
      const rows = (model.perSeed ?? []).filter((r) => r.task === task);
      const values = rows.map((r) => r.relativeLoss);
      if (values.length !== seeds || values.some((v) => v === null))
        throw new Error(`fresh seeds: ${task} in {${group.join(', ')}} is missing a seed`);
      relative.set(`${group.join(',')}|${task}`, values as number[]);
    }
  }
  const bySeed = (grouping: Grouping) =>
    Array.from({ length: seeds }, (_, s) => {
      const tasks = grouping.flat().length;
      const sum = grouping.reduce(
        (total, g) =>
          total +
          g.reduce(
            (t, task) => t + (g.length > 1 ? relative.get(`${g.join(',')}|${task}`)![s] : 1),
            0,
          ),
        0,
      );
      return sum / tasks;
    });
  const a = bySeed(chosen);
  const b = bySeed(optimum);
  const optimumMean = meanAndStderr(b).mean;
  const difference = meanAndStderr(a.map((x, s) => x - b[s]));
  return {
    seeds,
    chosen: meanAndStderr(a).mean,
    optimum: optimumMean,
    regret: difference.mean / optimumMean,
    regretStderr: difference.stderr / optimumMean,
  };
}
