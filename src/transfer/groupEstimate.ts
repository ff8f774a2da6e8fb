import { meanAndStderr, pairRatios, type SeedLosses } from './scores.js';

/**
 * Higher-order approximation (Standley et al. 2020) of task i's loss in group G, relative to
 * training it alone: r_i(G) = mean over j ∈ G∖{i} of L_i({i,j}) / L_i({i}); r_i({i}) = 1.
 * Computed per seed, then mean and standard error over seeds, so the report can say how sure
 * the estimate is. Worked example: ratios 0.9 (with j) and 1.1 (with k) → r_i({i,j,k}) = 1.0.
 *
 * With auxiliary members (`auxiliary(j)` true; a search with `--aux`), task i's network is a
 * group G of main tasks with an auxiliary set S, and
 *   r_i(G ∪ S) = r_i(G) − Σ_{a∈S} (1 − L_i({i,a}) / L_i({i}))
 * the HOA over its main partners minus each auxiliary's pair transfer: an auxiliary is there
 * to add what it gives, and HOA's mean would let a second equally helpful auxiliary add
 * nothing. A pair is its own ratio either way. Worked example: main partner 1.02, auxiliaries
 * 0.98 and 0.97 → 1.02 − 0.02 − 0.03 = 0.97.
 */
export function relativeLossInGroup(
  ratios: (number | null)[][][],
  task: number,
  group: number[],
  auxiliary: (t: number) => boolean = () => false,
): { mean: number; stderr: number } {
  const others = group.filter((j) => j !== task);
  if (others.length === 0) return { mean: 1, stderr: 0 };
  const partners = others.filter((j) => !auxiliary(j));
  const helpers = others.length === 1 ? [] : others.filter(auxiliary);
  const mains = others.length === 1 ? others : partners;
  const perSeed: number[] = [];
  for (const bySeed of ratios) {
    const values = mains.map((j) => bySeed[task][j]);
    const gains = helpers.map((a) => bySeed[task][a]);
    if (values.some((v) => v === null) || gains.some((v) => v === null)) continue;
    const known = values as number[];
    const base = known.length === 0 ? 1 : known.reduce((a, b) => a + b, 0) / known.length;
    perSeed.push((gains as number[]).reduce((r, g) => r - (1 - g), base));
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
