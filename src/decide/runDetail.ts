import { TASK_METRICS } from '../proxy/metrics.js';
import type { SeedRow, TaskMetricRow, TrainedGroupPoint } from '../report/model.js';
import { meanAndStderr, pairRatios, relativeLossInGroup } from '../transfer/index.js';
import type { SearchDecision } from './decisionReport.js';
import { ownRuns, type RunEvidence, type RunNetwork } from './evidence.js';

/**
 * The detail of the runs behind a decision, for the report (report/runDetail.ts): each seed's
 * losses and metrics of the chosen networks, each task's metric alone and in its network, and
 * every trained group's estimates against its measured loss. Pure: the same runs give the same
 * figures.
 */

/** A run as the detail reads it: its losses and, for runs trained since they exist, its metrics. */
export interface DetailRun extends RunEvidence {
  metrics?: (number | null)[] | null;
}

const key = (tasks: number[], seed: number) =>
  `${[...tasks].sort((a, b) => a - b).join(',')}@${seed}`;

/** A mean over the values that exist, or null when none does. */
function meanOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/**
 * Each task of the chosen grouping, seed by seed, then its metric over the seeds: from the runs
 * of the search's own network (`architecture`), not the MMoE baseline over the same tasks.
 */
export function chosenNetworkDetail(
  decided: SearchDecision,
  runs: DetailRun[],
  taskTypes: (keyof typeof TASK_METRICS)[],
  architecture?: RunNetwork,
): { perSeed: SeedRow[]; taskMetrics: TaskMetricRow[] } {
  const { tasks, evidence } = decided;
  const done = new Map(
    ownRuns(runs, architecture)
      .filter((run) => run.status === 'done' && run.losses)
      .map((run) => [key(run.tasks, run.seed), run]),
  );
  const figure = (tasks: number[], task: number, seed: number) => {
    const run = done.get(key(tasks, seed));
    const k = run?.tasks.indexOf(task) ?? -1;
    return run && k >= 0
      ? { loss: run.losses![k], metric: run.metrics?.[k] ?? null }
      : { loss: null, metric: null };
  };
  const perSeed: SeedRow[] = [];
  decided.decision.chosen.best.groups.forEach((group, g) => {
    for (const t of group) {
      for (const seed of evidence.seeds) {
        const alone = figure([t], t, seed);
        const grouped = figure(group, t, seed);
        perSeed.push({
          task: tasks[t],
          group: g,
          seed,
          lossAlone: alone.loss,
          lossGrouped: grouped.loss,
          relativeLoss:
            alone.loss === null || grouped.loss === null ? null : grouped.loss / alone.loss,
          metricAlone: alone.metric,
          metricGrouped: grouped.metric,
        });
      }
    }
  });
  perSeed.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task) || a.seed - b.seed);
  const taskMetrics = tasks.map((task, t): TaskMetricRow => {
    const { name, better } = TASK_METRICS[taskTypes[t]];
    const rows = perSeed.filter((row) => row.task === task);
    return {
      task,
      metric: name,
      better,
      alone: meanOf(rows.map((row) => row.metricAlone)),
      grouped: meanOf(rows.map((row) => row.metricGrouped)),
    };
  });
  return { perSeed, taskMetrics };
}

/**
 * Every group of three or more tasks the decision rests on that was trained: its weighted mean
 * relative loss estimated from the pairs, corrected by the error model, and measured (per seed,
 * then mean and standard error over the seeds).
 */
export function trainedGroupPoints(decided: SearchDecision): TrainedGroupPoint[] {
  const { evidence, weights, tasks } = decided;
  const { model } = decided.path;
  const ratios = pairRatios(evidence.losses);
  const weighted = (members: number[], value: (t: number, k: number) => number) =>
    members.reduce((sum, t, k) => sum + weights[t] * value(t, k), 0) /
    members.reduce((sum, t) => sum + weights[t], 0);
  return [...evidence.groups.values()].flatMap((group) => {
    const bySeed = evidence.seeds.map((_, s) => {
      const losses = group.bySeed[s];
      const alone = group.tasks.map((t) => evidence.losses.alone[s][t]);
      if (!losses || alone.some((a) => a === null || !(a > 0))) return null;
      return weighted(group.tasks, (_, k) => losses[k] / alone[k]!);
    });
    const known = bySeed.filter((v): v is number => v !== null);
    if (known.length === 0) return [];
    const pair = (t: number) => relativeLossInGroup(ratios, t, group.tasks).mean;
    const size = group.tasks.length;
    const { mean, stderr } = meanAndStderr(known);
    return [
      {
        group: group.tasks.map((t) => tasks[t]),
        pairEstimate: weighted(group.tasks, pair),
        correctedEstimate: weighted(
          group.tasks,
          (t) => pair(t) + (model.correction[t]?.[size] ?? 0),
        ),
        measured: mean,
        measuredStderr: stderr,
        bySeed,
        seeds: evidence.seeds,
      },
    ];
  });
}
