import { groupKey } from '../search/index.js';
import {
  meanAndStderr,
  pairRatios,
  relativeLossInGroup,
  type GroupErrorModel,
} from '../transfer/index.js';
import { pairMeasured, type SearchEvidence } from './evidence.js';

/**
 * Figures of one grouping read off the evidence: each task's relative loss in its group and the
 * objective, per seed where measured, so that standard errors and paired differences between
 * groupings come from the seeds themselves (seed s of every subset sees the same rows in the
 * same order, so differences between groupings are measured within a seed).
 */
export interface TaskFigure {
  mean: number;
  stderr: number;
  /** From runs of this very group (alone, a pair, or a trained group of 3+). */
  measured: boolean;
}

/** Task t's relative loss in `group` for each seed (null where a run is missing), if measured. */
function measuredBySeed(
  evidence: SearchEvidence,
  task: number,
  group: number[],
): (number | null)[] | null {
  const { alone, pair } = evidence.losses;
  if (group.length === 1) return evidence.seeds.map(() => 1);
  const ratio = (loss: number | null | undefined, s: number) => {
    const single = alone[s][task];
    return loss === null || loss === undefined || single === null || !(single > 0)
      ? null
      : loss / single;
  };
  if (group.length === 2) {
    if (!pairMeasured(evidence, group[0], group[1])) return null;
    const other = group[0] === task ? group[1] : group[0];
    return evidence.seeds.map((_, s) => ratio(pair[s][task][other], s));
  }
  const trained = evidence.groups.get(groupKey(group));
  if (!trained) return null;
  const k = trained.tasks.indexOf(task);
  const values = evidence.seeds.map((_, s) => ratio(trained.bySeed[s]?.[k], s));
  return values.some((v) => v !== null) ? values : null;
}

/**
 * Task t's relative loss in `group`: measured over seeds when the group was trained (always for
 * one task, and for two unless the pair is estimated), else the pair estimate (HOA over seeds) plus the error model's correction.
 */
export function taskFigure(
  evidence: SearchEvidence,
  model: GroupErrorModel | null,
  task: number,
  group: number[],
): TaskFigure {
  const bySeed = measuredBySeed(evidence, task, group);
  if (bySeed)
    return { ...meanAndStderr(bySeed.filter((v): v is number => v !== null)), measured: true };
  const estimate = relativeLossInGroup(pairRatios(evidence.losses), task, group);
  return {
    mean: estimate.mean + (model?.correction[task][group.length] ?? 0),
    stderr: estimate.stderr,
    measured: false,
  };
}

/** The objective of a fully measured grouping seed by seed (null for a seed missing a run). */
export function objectiveBySeed(
  evidence: SearchEvidence,
  groups: number[][],
  weights: number[],
): (number | null)[] | null {
  const total = weights.reduce((a, b) => a + b, 0);
  const sums: (number | null)[] = evidence.seeds.map(() => 0);
  for (const group of groups) {
    for (const task of group) {
      // A task of weight 0 adds nothing, and an auxiliary one was never trained alone.
      if (weights[task] === 0) continue;
      const values = measuredBySeed(evidence, task, group);
      if (!values) return null;
      values.forEach((v, s) => {
        const sum = sums[s];
        sums[s] = v === null || sum === null ? null : sum + weights[task] * v;
      });
    }
  }
  return sums.map((sum) => (sum === null ? null : sum / total));
}

/** Standard error over seeds of a fully measured grouping's objective (0 when not measured). */
export function objectiveStderr(
  evidence: SearchEvidence,
  groups: number[][],
  weights: number[],
): number {
  const values =
    objectiveBySeed(evidence, groups, weights)?.filter((v): v is number => v !== null) ?? [];
  return values.length < 2 ? 0 : meanAndStderr(values).stderr;
}

/** other − chosen, seed by seed: mean and standard error over the seeds where both are known. */
export function pairedDifference(
  evidence: SearchEvidence,
  chosen: number[][],
  other: number[][],
  weights: number[],
): { difference: number; stderr: number } | null {
  const a = objectiveBySeed(evidence, chosen, weights);
  const b = objectiveBySeed(evidence, other, weights);
  if (!a || !b) return null;
  const differences = a.flatMap((x, s) =>
    x === null || b[s] === null ? [] : [(b[s] as number) - x],
  );
  if (differences.length === 0) return null;
  const { mean, stderr } = meanAndStderr(differences);
  return { difference: mean, stderr };
}
