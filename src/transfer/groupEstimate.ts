import { meanAndStderr, pairRatios, type SeedLosses } from './scores.js';

/**
 * Higher-order approximation (Standley et al. 2020) of task i's loss in group G, relative to
 * training it alone: r_i(G) = mean over j ∈ G∖{i} of L_i({i,j}) / L_i({i}); r_i({i}) = 1.
 * Computed per seed, then mean and standard error over seeds, so the report can say how sure
 * the estimate is. Worked example: ratios 0.9 (with j) and 1.1 (with k) → r_i({i,j,k}) = 1.0.
 */
export function relativeLossInGroup(
  ratios: (number | null)[][][],
  task: number,
  group: number[],
): { mean: number; stderr: number } {
  const others = group.filter((j) => j !== task);
  if (others.length === 0) return { mean: 1, stderr: 0 };
  const perSeed: number[] = [];
  for (const bySeed of ratios) {
    const values = others.map((j) => bySeed[task][j]);
    if (values.every((v): v is number => v !== null))
      perSeed.push(values.reduce((a, b) => a + b, 0) / values.length);
  }
  if (perSeed.length === 0) return { mean: 1, stderr: 0 };
  return meanAndStderr(perSeed);
}

/** `relative[i][j]` = mean over seeds of L_i({i,j}) / L_i({i}) = 1 − T(j→i): the solver's input. */
export function relativePairMatrix(losses: SeedLosses): number[][] {
  const ratios = pairRatios(losses);
  const n = losses.alone[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i === j ? 1 : relativeLossInGroup(ratios, i, [i, j]).mean,
    ),
  );
}

export { pairRatios };

/**
 * Measured relative losses of one group G (|G| ≥ 3) that was trained for real: per seed,
 * L_i(G) / L_i({i}) for each member i, then mean and standard error over the seeds where both
 * runs exist. `groupLosses[s]` holds the group's losses with seed s in ascending task order
 * (null when that run is missing). A member with no seed measured gets mean NaN.
 */
export function measuredRelative(
  alone: (number | null)[][],
  group: number[],
  groupLosses: (number[] | null)[],
): { mean: number; stderr: number }[] {
  return group.map((task, k) => {
    const ratios: number[] = [];
    groupLosses.forEach((losses, s) => {
      const single = alone[s]?.[task];
      if (losses && single !== null && single !== undefined && single > 0)
        ratios.push(losses[k] / single);
    });
    return meanAndStderr(ratios);
  });
}
