/**
 * Pair estimates of a `tag` search (`search --method tag`): the relative losses the solver and
 * active verification use, calibrated from one lookahead run over all tasks per seed.
 *
 * TAG's rule (Fifty et al. 2021) scores task i in a group G by the mean lookahead affinity onto
 * it from the other members, g_i(G) = mean_{j ∈ G∖i} Z(j→i). The HOA estimate prices task i
 * in G by the mean over the other members of its pair estimates, the same form. So a pair
 * estimate of the form r_i({i,j}) = 1 − β·Z(j→i) makes the HOA estimate of every group exactly
 * TAG's rule in relative-loss units: 1 − β·g_i(G).
 *
 * The scale β turns an affinity (a change of loss per lookahead step, of the order of 1e-5)
 * into a change of relative loss after training. It is measured, not assumed: each seed's
 * singles give L_i({i}) and its lookahead run, which is also the all-in-one network, gives
 * L_i(all); over every task and seed, the measured gain 1 − L_i(all) / L_i({i}) is fitted on
 * g_i(all) by least squares with an intercept, and β is the slope. The intercept (what sharing
 * one network costs or gives every task alike) is left to the error model of active
 * verification, which anchors the estimate on the same all-in-one network and corrects it by
 * group size. A slope that is not positive (the affinity does not predict who gains) gives
 * β = 0: every pair is estimated as neutral and the answer rests on the groups verification
 * measures.
 *
 * The result is written as the per-seed pair losses L_i({i,j}) = L_i({i}) · (1 − β·Z_s(j→i)),
 * so transfer scores, seed noise and the report read them like measured pairs; the report says
 * they are estimates.
 */
export interface AffinityRuns {
  /** L_i({i}) by seed (null where not done). */
  alone: (number | null)[][];
  /** The all-tasks run's losses by seed (null where not done). */
  allInOne: (number[] | null)[];
  /** The all-tasks run's affinity by seed, n × n with Z(j→i) at [i·n + j] (null where not done). */
  affinity: (number[] | null)[];
}

/** Mean affinity onto task i from every other task: TAG's g_i(all). */
const meanAffinityOnto = (z: number[], n: number, i: number): number => {
  let sum = 0;
  for (let j = 0; j < n; j++) if (j !== i) sum += z[i * n + j];
  return sum / (n - 1);
};

/** β: the slope of the measured all-in-one gain on g_i(all), over every task and seed; 0 unless positive. */
export function affinityScale(runs: AffinityRuns): number {
  const n = runs.alone[0]?.length ?? 0;
  const xs: number[] = [];
  const ys: number[] = [];
  runs.affinity.forEach((z, s) => {
    const all = runs.allInOne[s];
    if (!z || !all) return;
    for (let i = 0; i < n; i++) {
      const single = runs.alone[s][i];
      if (single === null || !(single > 0)) continue;
      xs.push(meanAffinityOnto(z, n, i));
      ys.push(1 - all[i] / single);
    }
  });
  if (xs.length < 3) return 0;
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let cov = 0;
  let varX = 0;
  xs.forEach((x, k) => {
    cov += (x - mx) * (ys[k] - my);
    varX += (x - mx) ** 2;
  });
  const beta = cov / varX;
  return Number.isFinite(beta) && beta > 0 ? beta : 0;
}

/** Per-seed pair losses L_i({i,j}) = L_i({i}) · (1 − β·Z_s(j→i)), null where a run is missing. */
export function affinityPairLosses(
  runs: AffinityRuns,
  beta = affinityScale(runs),
): (number | null)[][][] {
  const n = runs.alone[0]?.length ?? 0;
  return runs.alone.map((alone, s) => {
    const z = runs.affinity[s];
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        const single = alone[i];
        if (i === j || !z || single === null) return null;
        return single * Math.max(0, 1 - beta * z[i * n + j]); // a loss is never negative
      }),
    );
  });
}
