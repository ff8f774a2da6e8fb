import type { TruthReport } from '../report/model.js';
import { groupKey, maskOf, tasksOf, MAX_SUBSET_TASKS } from '../search/index.js';
import { rankOf, truthByBudget } from '../search/subsetTruth.js';
import type { SearchEvidence } from './evidence.js';
import { measuredMeans } from './evidence.js';

/**
 * The exhaustive truth: when every task subset was trained (an exhaustive search), the best
 * grouping for every budget is known exactly, on measured losses, and any grouping can be
 * scored by its regret and rank. This is the yardstick of every faster answer.
 */
export interface SubsetTruth {
  n: number;
  /** cost[mask] = Σ_{t ∈ mask} w_t · L_t(mask) / L_t({t}), mean over seeds. */
  cost: Float64Array;
  /** Each task's least weighted relative loss over every group (prunes the ranking). */
  floor: Float64Array;
  totalWeight: number;
  best: { budget: number; groups: number[][]; objective: number }[];
}

/** The truth of a search's runs, or null unless every subset of at most 12 tasks is measured. */
export function subsetTruth(evidence: SearchEvidence, weights: number[]): SubsetTruth | null {
  const n = evidence.losses.alone[0]?.length ?? 0;
  if (n < 1 || n > MAX_SUBSET_TASKS) return null;
  const cost = new Float64Array(1 << n);
  const floor = new Float64Array(n).fill(Infinity);
  for (let mask = 1; mask < 1 << n; mask++) {
    const tasks = tasksOf(mask);
    const relative = relativeOf(evidence, tasks);
    if (!relative) return null;
    tasks.forEach((t, k) => {
      const share = weights[t] * relative[k];
      cost[mask] += share;
      floor[t] = Math.min(floor[t], share);
    });
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return { n, cost, floor, totalWeight, best: truthByBudget(n, cost, totalWeight).best };
}

/** Mean relative losses of the members of a measured subset; null when not every seed is in. */
function relativeOf(evidence: SearchEvidence, tasks: number[]): number[] | null {
  const { alone, pair } = evidence.losses;
  const mean = (values: (number | null)[]) =>
    values.some((v) => v === null)
      ? null
      : (values as number[]).reduce((a, b) => a + b, 0) / values.length;
  if (tasks.length === 1) return [1];
  if (tasks.length === 2) {
    const [i, j] = tasks;
    const ri = mean(
      evidence.seeds.map((_, s) =>
        pair[s][i][j] === null || alone[s][i] === null
          ? null
          : (pair[s][i][j] as number) / (alone[s][i] as number),
      ),
    );
    const rj = mean(
      evidence.seeds.map((_, s) =>
        pair[s][j][i] === null || alone[s][j] === null
          ? null
          : (pair[s][j][i] as number) / (alone[s][j] as number),
      ),
    );
    return ri === null || rj === null ? null : [ri, rj];
  }
  const group = evidence.groups.get(groupKey(tasks));
  if (!group || !group.settled || group.bySeed.some((losses) => losses === null)) return null;
  return measuredMeans(evidence, group);
}

/**
 * Seed noise of measured groupings, read off the truth's runs: one grouping's standard error,
 * and the standard error of the difference between two, seed by seed (seeds are paired).
 */
export interface TruthNoise {
  stderrOf: (groups: number[][]) => number;
  differenceStderrOf: (a: number[][], b: number[][]) => number;
}

/** Scores `groups` against the truth within `budget` networks, with the seed noise of `noise`. */
export function scoreAgainstTruth(
  truth: SubsetTruth,
  groups: number[][],
  budget: number,
  names: string[],
  searchId: string,
  noise: TruthNoise,
): TruthReport {
  const objective = groups.reduce((sum, g) => sum + truth.cost[maskOf(g)], 0) / truth.totalWeight;
  const optimum = truth.best[Math.min(budget, truth.n) - 1];
  const label = (gs: number[][]) => ({ grouping: gs.map((g) => g.map((t) => names[t])) });
  const figures = optimumByBudget(truth.best, optimum, label, noise.stderrOf);
  return {
    searchId,
    optimum: figures.optimum,
    ...regretOf(objective, optimum, groups, noise),
    ...rankOf(
      truth.n,
      truth.cost,
      truth.floor,
      Math.min(budget, truth.n),
      objective,
      truth.totalWeight,
    ),
    byBudget: figures.byBudget,
  };
}

/**
 * The chosen grouping's regret against the optimum, and its seed noise: the paired difference's
 * standard error ÷ the optimum (a truth's optimum is the least of many noisy objectives, so a
 * regret within this noise may be the optimum's luck rather than a better grouping).
 */
export function regretOf(
  objective: number,
  optimum: { groups: number[][]; objective: number },
  groups: number[][],
  noise: TruthNoise,
): { regret: number; regretStderr: number } {
  return {
    regret: objective / optimum.objective - 1,
    regretStderr: noise.differenceStderrOf(groups, optimum.groups) / optimum.objective,
  };
}

/**
 * A truth's optimum within the budget and its best grouping at every budget, named by `label`,
 * each measured with its seed noise (`stderrOf`): what every score against a truth reports.
 */
export function optimumByBudget<L>(
  best: { budget: number; groups: number[][]; objective: number }[],
  optimum: { groups: number[][]; objective: number },
  label: (groups: number[][]) => L,
  stderrOf: (groups: number[][]) => number,
) {
  const figure = (b: { groups: number[][]; objective: number }) => ({
    ...label(b.groups),
    objective: b.objective,
    measured: true,
    stderr: stderrOf(b.groups),
  });
  return {
    optimum: figure(optimum),
    byBudget: best.map((b) => ({ budget: b.budget, ...figure(b) })),
  };
}
