import { groupKey, type HoaPartitionProblem } from '../search/index.js';
import {
  averageLinkage,
  bestJoins,
  calibrationPairs,
  fitPairPrior,
  meanAffinity,
  pairNoise,
  relativePairMatrix,
  type PairPrior,
  type SeedLosses,
} from '../transfer/index.js';
import { unmeasuredPenalty, type ChoicePolicy } from './candidates.js';
import type { SearchEvidence } from './evidence.js';

/**
 * The pairs of a `tag` search: trained only where they matter, estimated elsewhere.
 *
 * A tag search starts with the singles and one lookahead run over all tasks per seed, which
 * ranks every pair by affinity (src/proxy/lookahead.ts) but measures none. Active verification
 * then trains pairs as well as groups, on the same rule (activeVerification.ts):
 *   - first the calibration pairs (transfer/calibrationPairs.ts): each task's closest partner
 *     and one of middling affinity, which fit the estimate of every other pair
 *     (transfer/pairPrior.ts) and its uncertainty σ_p;
 *   - then, each round, the optimistic problem prices an untrained pair at its estimate minus
 *     κ·σ_p (and an untrained group as before), and the measured-only problem prices it out.
 *     Of an optimistic optimum that beats the measured one by more than the margin, a pair
 *     group is trained, and a group of three or more first has its untrained pairs trained (its
 *     estimate rests on them), then itself once they are all trained and it still looks best.
 * So the pairs that decide the optimum (inside the groups that could win, or across their
 * boundaries when a merge could win) are measured, and the rest keep their estimate. The answer
 * is, as always, a grouping whose networks were all trained.
 *
 * A pair counts once every seed's run has ended and it is on the path (reached by a round); a
 * pair whose runs all failed keeps its estimate and is not tried again.
 */
export interface PairState {
  /** Pairs on the path (group keys), in the order reached. */
  reached: string[];
  /** The pairs on the path that have a measured value. */
  trained: Set<string>;
  prior: PairPrior | null;
  /** Measured where trained, estimated elsewhere: the pair estimate's input. */
  estimate: number[][];
  /** Measured where trained, the estimate minus κ·σ_p elsewhere: the optimistic problem's. */
  optimistic: number[][];
  /** Measured where trained, unmeasuredPenalty elsewhere: the measured-only problem's. */
  measuredOnly: number[][];
}

/**
 * The choice policy of a tag search: the default's optimism and margin, every subset of a viewed
 * optimum in one round (its pairs and groups train in parallel), and past 12 tasks only the
 * target budget viewed: each view costs two solves a round.
 */
export const lazyPairsPolicy: Readonly<ChoicePolicy> = Object.freeze({
  kappa: 1,
  margin: 0.0005,
  perRound: 1,
  nodeLimit: 300_000,
  spread: true,
  views: 2,
  wideNodeLimit: 20,
});

const pairOf = (key: string): [number, number] => key.split(',').map(Number) as [number, number];

/** The measured losses of the reached pairs only; every other pair null. */
function reachedLosses(evidence: SearchEvidence, reached: Set<string>): SeedLosses {
  const { alone, pair } = evidence.losses;
  return {
    alone,
    pair: pair.map((rows) =>
      rows.map((row, i) =>
        row.map((loss, j) =>
          i !== j && reached.has(groupKey(i < j ? [i, j] : [j, i])) ? loss : null,
        ),
      ),
    ),
  };
}

/** The pair state of a tag search whose path has reached `reached` pairs so far. */
export function pairState(evidence: SearchEvidence, reached: string[], kappa: number): PairState {
  const n = evidence.losses.alone[0]?.length ?? 0;
  const losses = reachedLosses(evidence, new Set(reached));
  const measured = relativePairMatrix(losses);
  const trained = new Set(
    reached.filter((key) => {
      const [i, j] = pairOf(key);
      return losses.pair.some((rows) => rows[i][j] !== null && rows[j][i] !== null);
    }),
  );
  const prior = fitPairPrior({
    taskCount: n,
    affinity: evidence.affinity ?? [],
    trained: [...trained]
      .map(pairOf)
      .map(([i, j]) => ({ i, j, ri: measured[i][j], rj: measured[j][i] })),
    pairNoise: pairNoise(losses),
  });
  const fill = (unmeasured: (i: number, j: number) => number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        i === j || trained.has(groupKey(i < j ? [i, j] : [j, i]))
          ? measured[i][j]
          : unmeasured(i, j),
      ),
    );
  return {
    reached,
    trained,
    prior,
    estimate: fill((i, j) => prior.relative[i][j]),
    optimistic: fill((i, j) => Math.max(0, prior.relative[i][j] - kappa * prior.sigma)),
    measuredOnly: fill(() => unmeasuredPenalty),
  };
}

/** The calibration pairs of a tag search, from its affinity (averaged over the seeds measured). */
export function firstPairs(evidence: SearchEvidence): number[][] {
  const n = evidence.losses.alone[0]?.length ?? 0;
  const { z } = meanAffinity(evidence.affinity ?? [], n);
  return calibrationPairs(z, n);
}

/**
 * What to train for one optimistic optimum: each group of two whose pair is not on the path,
 * and each unmeasured group of 3+ with those of its pairs that are not. The group trains in the
 * same round as its pairs rather than after them: a round costs solves (a second or more each
 * past 30 tasks), a group costs one run per seed. `measured` says whether a group of 3+ was
 * trained.
 */
export function decisiveSubsets(
  groups: number[][],
  reached: Set<string>,
  measured: (group: number[]) => boolean,
  withPairs = true,
): number[][] {
  const chosen: number[][] = [];
  for (const group of groups) {
    if (group.length < 2 || (group.length >= 3 && measured(group))) continue;
    const missing: number[][] = [];
    for (let a = 0; (withPairs || group.length === 2) && a < group.length; a++)
      for (let b = a + 1; b < group.length; b++)
        if (!reached.has(groupKey([group[a], group[b]]))) missing.push([group[a], group[b]]);
    chosen.push(...missing, ...(group.length >= 3 ? [group] : []));
  }
  return chosen;
}

/** The estimated evidence of a tag search: untrained pairs' losses from the prior, seed by seed. */
export function withPairEstimates(evidence: SearchEvidence, state: PairState): SearchEvidence {
  const { alone, pair } = evidence.losses;
  const estimated = pair.map((rows, s) => {
    const relative = state.prior?.relativeBySeed(s) ?? null;
    return rows.map((row, i) =>
      row.map((loss, j) => {
        if (i === j) return null;
        if (state.trained.has(groupKey(i < j ? [i, j] : [j, i]))) return loss;
        const single = alone[s][i];
        return relative === null || single === null ? null : single * relative[i][j];
      }),
    );
  });
  return { ...evidence, losses: { alone, pair: estimated }, measuredPairs: state.trained };
}

/** The pairs one replay of a tag search's path has reached, in order. */
export class LazyPairs {
  private readonly reached: string[] = [];
  /** Pairs reached after the calibration pairs: what they cost counts against the run cap. */
  decisive = 0;
  private linked?: { state: PairState; clusters: number[][] };

  constructor(
    private readonly evidence: SearchEvidence,
    private readonly kappa: number,
  ) {}

  calibration(): number[][] {
    return firstPairs(this.evidence);
  }

  /** The groups of 3+ of the average-linkage clustering of the pair estimate (see followVerification). */
  proposal(): number[][] {
    return this.linkage().clusters.filter((g) => g.length >= 3);
  }

  /**
   * The merges the linkage stopped short of (bestJoins): each task it left in a group of 1 or 2
   * joined to the proposal group it links to best, and each proposal group merged with its
   * closest when their link is within one σ_p of no effect (the estimate cannot tell whether
   * they help each other). On 200 planted tasks the linkage left 7 of 33 clusters a task or two
   * short; on 60 others it split one cluster in halves that linked at 1.0005 (σ_p 0.013, every
   * other closest link 1.0145 or more); no later round before the run cap measured them whole.
   */
  joins(): number[][] {
    const { state, clusters } = this.linkage();
    return bestJoins(state.estimate, clusters, 1 + (state.prior?.sigma ?? 0));
  }

  /** The linkage of the calibration pairs' estimate, once per replay (both first rounds read it). */
  private linkage(): { state: PairState; clusters: number[][] } {
    if (!this.linked) {
      const state = this.state();
      this.linked = { state, clusters: averageLinkage(state.estimate) };
    }
    return this.linked;
  }

  settled(pair: number[]): boolean {
    return this.evidence.settledPairs?.has(groupKey(pair)) === true;
  }

  record(pair: number[], decisive = false): void {
    this.reached.push(groupKey(pair));
    if (decisive) this.decisive++;
  }

  state(): PairState {
    return pairState(this.evidence, [...this.reached], this.kappa);
  }

  /** What a round trains of an optimistic optimum (decisiveSubsets). */
  expand(problem: HoaPartitionProblem): (groups: number[][], first: boolean) => number[][] {
    const reached = new Set(this.reached);
    return (groups, first) =>
      decisiveSubsets(groups, reached, (g) => problem.measured?.has(groupKey(g)) === true, first);
  }
}
