import type { MmoeBaseline } from '../report/model.js';
import type { Partition } from '../search/index.js';
import { meanAndStderr } from '../transfer/index.js';
import type { RunEvidence, SearchEvidence } from './evidence.js';
import { objectiveBySeed } from './groupingFigures.js';

/**
 * Group or gate: the MMoE baseline of a shared-bottom search (one MMoE over every task per seed,
 * pipeline/plan.ts) against its chosen grouping. Seed s of the MMoE sees the rows and order of
 * seed s of every other run, and each task's loss in it is taken relative to the task's own
 * run alone of that seed, so its objective is comparable with any grouping's, seed by seed.
 *
 * Worked example, two tasks of weight 1 and two seeds: alone losses (0.50, 0.40) and (0.52,
 * 0.41); MMoE losses (0.49, 0.40) and (0.51, 0.40): objectives ½(0.98 + 1.00) = 0.990 and
 * ½(0.981 + 0.976) = 0.978, mean 0.984.
 */
export interface BaselineInput {
  /** The evidence of the search's own runs (the singles every relative loss divides by). */
  evidence: SearchEvidence;
  /** Its MMoE runs, over every task (evidence.ts: the runs ownRuns leaves out). */
  runs: RunEvidence[];
  weights: number[];
  chosen: Partition;
  /** The chosen objective's standard error (an estimate's when it is not measured). */
  chosenStderr: number;
}

/** The MMoE baseline's figure and its comparison with the chosen grouping; undefined without runs. */
export function mmoeBaseline(o: BaselineInput): MmoeBaseline | undefined {
  if (o.runs.length === 0) return undefined;
  const experts = o.runs[0].architecture?.experts ?? 0;
  const mmoe = objectivesBySeed(o);
  const known = mmoe.filter((v): v is number => v !== null);
  if (known.length === 0) {
    const none = { objective: null, stderr: null, difference: null, differenceStderr: null };
    return { ...none, measured: false, experts, paired: false, better: false };
  }
  const { mean, stderr } = meanAndStderr(known);
  const compared = comparison(o, mmoe, mean, stderr);
  const seeds = o.evidence.seeds.length;
  const better = seeds >= 2 && -compared.difference > compared.differenceStderr;
  return { objective: mean, stderr, measured: true, experts, ...compared, better };
}

/** The MMoE's objective per seed of the evidence (null where its run or a single is missing). */
function objectivesBySeed(o: BaselineInput): (number | null)[] {
  const { seeds, losses } = o.evidence;
  const total = o.weights.reduce((a, b) => a + b, 0);
  return seeds.map((seed, s) => {
    const run = o.runs.find((r) => r.seed === seed && r.status === 'done' && r.losses);
    if (!run?.losses) return null;
    let sum = 0;
    for (const [k, t] of run.tasks.entries()) {
      // An auxiliary task (weight 0) is trained in the MMoE but not scored, and never alone.
      if (o.weights[t] === 0) continue;
      const alone = losses.alone[s][t];
      if (alone === null || !(alone > 0)) return null;
      sum += (o.weights[t] * run.losses[k]) / alone;
    }
    return sum / total;
  });
}

/**
 * MMoE − chosen: seed by seed when the chosen grouping is measured (the seeds are paired, as in
 * noise.ts), else the difference of the means with both standard errors combined.
 */
function comparison(
  o: BaselineInput,
  mmoe: (number | null)[],
  mean: number,
  stderr: number,
): { difference: number; differenceStderr: number; paired: boolean } {
  const chosen = objectiveBySeed(o.evidence, o.chosen.groups, o.weights);
  const differences = chosen
    ? mmoe.flatMap((m, s) => (m === null || chosen[s] === null ? [] : [m - chosen[s]!]))
    : [];
  if (differences.length > 0) {
    const paired = meanAndStderr(differences);
    return { difference: paired.mean, differenceStderr: paired.stderr, paired: true };
  }
  return {
    difference: mean - o.chosen.objective,
    differenceStderr: Math.hypot(stderr, o.chosenStderr),
    paired: false,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/**
 * The decision's line when the MMoE is better beyond seed noise ("one MMoE over all 12 tasks is
 * 0.60 % better than the best grouping (± 0.20 %): consider experts instead of separate
 * networks"); undefined otherwise.
 */
export function gateAdvice(mmoe: MmoeBaseline | undefined, taskCount: number): string | undefined {
  if (!mmoe?.better || mmoe.difference === null) return undefined;
  return (
    `one MMoE over all ${taskCount} tasks is ${pct(-mmoe.difference)} better than the best grouping ` +
    `(± ${pct(mmoe.differenceStderr ?? 0)}): consider experts instead of separate networks`
  );
}
