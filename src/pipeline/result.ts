import type { BudgetOption, GroupingOption, PerTaskRow, ReportModel } from '../report/model.js';
import { partitionObjective, solveHoaPartition, type HoaPartitionProblem, type Partition } from '../search/index.js';
import type { PlannedRunState, StoredSearch } from '../store/index.js';
import { pairRatios, relativeLossInGroup, relativePairMatrix, transferScores, type SeedLosses } from '../transfer/index.js';
import type { SearchRecord } from './searchRecord.js';

/** How many alternatives a report lists after the chosen grouping. */
const alternativeCount = 5;

/** Arranges the stored losses of a search's runs by seed, task and pair (null where not done). */
export function seedLosses(taskCount: number, runs: PlannedRunState[]): { seeds: number[]; losses: SeedLosses } {
  const seeds = [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b);
  const blank = () => Array.from({ length: taskCount }, () => null as number | null);
  const losses: SeedLosses = {
    alone: seeds.map(blank),
    pair: seeds.map(() => Array.from({ length: taskCount }, blank)),
  };
  for (const run of runs) {
    if (run.status !== 'done' || !run.losses) continue;
    const s = seeds.indexOf(run.seed);
    if (run.tasks.length === 1) losses.alone[s][run.tasks[0]] = run.losses[0];
    else if (run.tasks.length === 2) {
      const [i, j] = run.tasks;
      losses.pair[s][i][j] = run.losses[0];
      losses.pair[s][j][i] = run.losses[1];
    }
  }
  return { seeds, losses };
}

const names = (groups: number[][], tasks: string[]) => groups.map((group) => group.map((t) => tasks[t]));
const option = (p: Partition, tasks: string[]): GroupingOption => ({ grouping: names(p.groups, tasks), objective: p.objective });

/**
 * The best grouping for every number of networks 1..N. The optimum cannot get worse with more
 * networks, so once a budget's optimum uses fewer groups than allowed, larger budgets share it.
 */
function bestByBudget(problem: HoaPartitionProblem, tasks: string[], unlimited: Partition): BudgetOption[] {
  const options: BudgetOption[] = [];
  for (let budget = 1; budget <= tasks.length; budget++) {
    const best = budget >= unlimited.groups.length ? unlimited : solveHoaPartition({ ...problem, maxGroups: budget }).best;
    options.push({ budget, ...option(best, tasks) });
  }
  return options;
}

/**
 * Builds the report model of a search from its stored runs: transfer scores, the exact optimum
 * under the budget, baselines, alternatives and per-task figures. Pure: the same runs give the
 * same model.
 */
export function buildReport(search: StoredSearch, runs: PlannedRunState[], toolVersion: string): ReportModel {
  const record = search.config as SearchRecord;
  const { config, dataset } = record;
  const tasks = config.tasks.map((t) => t.name);
  const n = tasks.length;
  const { losses } = seedLosses(n, runs);
  const scores = transferScores(losses);
  const problem: HoaPartitionProblem = { pair: relativePairMatrix(losses), weights: config.weights };

  const unlimited = solveHoaPartition({ ...problem, maxGroups: n }).best;
  const chosen = solveHoaPartition({ ...problem, maxGroups: config.budget ?? n, topK: alternativeCount + 1 });
  const ratios = pairRatios(losses);
  const perTask: PerTaskRow[] = [];
  chosen.best.groups.forEach((group, g) => {
    for (const t of group) {
      const relative = relativeLossInGroup(ratios, t, group);
      perTask.push({
        task: tasks[t],
        group: g,
        lossAlone: scores.lossAlone[t],
        lossGrouped: scores.lossAlone[t] * relative.mean,
        relativeLoss: relative.mean,
        stderr: relative.stderr,
        weight: config.weights[t],
      });
    }
  });
  perTask.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task));

  const failed = runs.filter((run) => run.status === 'failed').length;
  const done = runs.filter((run) => run.status === 'done').length;
  const trained = Math.min(search.trained, done);
  return {
    searchId: search.id,
    status: search.status,
    tasks,
    taskTypes: dataset.taskTypes,
    weights: config.weights,
    budget: config.budget,
    grouping: names(chosen.best.groups, tasks),
    objective: chosen.best.objective,
    perTask,
    baselines: {
      allSeparate: 1,
      allTogether: partitionObjective(problem, [tasks.map((_, t) => t)]),
      byBudget: bestByBudget(problem, tasks, unlimited),
    },
    transfer: { tasks, matrix: scores.transfer, stderr: scores.stderr },
    alternatives: chosen.alternatives.slice(0, alternativeCount).map((p) => option(p, tasks)),
    runs: { total: runs.length, trained, cached: done - trained, failed },
    failures: runs
      .filter((run) => run.status === 'failed')
      .map((run) => ({ tasks: run.tasks.map((t) => tasks[t]), seed: run.seed, error: run.error ?? 'unknown' })),
    facts: {
      dataFile: search.dataFile,
      fingerprint: search.fingerprint,
      trainRows: dataset.trainRows,
      valRows: dataset.valRows,
      seeds: config.seeds,
      seed: config.seed,
      proxy: { ...config.proxy },
      backend: [...new Set(runs.map((run) => run.backend).filter((b): b is string => b !== null))].sort().join(', ') || 'none',
      toolVersion,
      createdAt: search.createdAt,
      finishedAt: search.finishedAt,
    },
    elapsedSec: Math.round(search.elapsedSec * 10) / 10,
  };
}
