import { maxGroupsOf, type Study } from '../config/study.js';
import type { DatasetFacts } from '../config/studyRecord.js';
import type { BudgetOption, GroupingOption, PerTaskRow, ReportModel } from '../report/model.js';
import { groupKey, partitionObjective, solveHoaPartition, type HoaPartitionProblem, type Partition } from '../search/index.js';
import type { PlannedRunState, StoredSearch } from '../store/index.js';
import { measuredRelative, pairRatios, relativeLossInGroup, transferScores } from '../transfer/index.js';
import { chosenNodeLimit, followVerification, gatherEvidence, type SearchEvidence } from './evidence.js';
import { recordOf } from './storedSearch.js';

/** How many alternatives a report lists after the chosen grouping. */
const alternativeCount = 5;

/** Node limit of each per-budget baseline solve (see chosenNodeLimit). */
const budgetNodeLimit = 300_000;

/** Task i's loss in `group` relative to alone: measured when the group was trained, else HOA. */
function relativeInGroup(
  evidence: SearchEvidence,
  ratios: (number | null)[][][],
  task: number,
  group: number[],
): { mean: number; stderr: number; measured: boolean } {
  const trained = evidence.groups.get(groupKey(group));
  if (trained) {
    const value = measuredRelative(evidence.losses.alone, trained.tasks, trained.bySeed)[trained.tasks.indexOf(task)];
    if (Number.isFinite(value.mean)) return { ...value, measured: true };
  }
  return { ...relativeLossInGroup(ratios, task, group), measured: group.length <= 2 };
}

/** Each trained group of 3+ tasks: its pair-based estimate next to its measured loss. */
function verification(evidence: SearchEvidence, weights: number[], tasks: string[]): NonNullable<ReportModel['verification']> {
  const ratios = pairRatios(evidence.losses);
  const weighted = (members: number[], value: (t: number, k: number) => number) =>
    members.reduce((sum, t, k) => sum + weights[t] * value(t, k), 0) / members.reduce((sum, t) => sum + weights[t], 0);
  return [...evidence.groups.values()].flatMap((group) => {
    const measured = measuredRelative(evidence.losses.alone, group.tasks, group.bySeed);
    if (!measured.every((m) => Number.isFinite(m.mean))) return [];
    return [{
      group: group.tasks.map((t) => tasks[t]),
      estimated: weighted(group.tasks, (t) => relativeLossInGroup(ratios, t, group.tasks).mean),
      measured: weighted(group.tasks, (_, k) => measured[k].mean),
    }];
  });
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
    const best = budget >= unlimited.groups.length ? unlimited : solveHoaPartition({ ...problem, maxGroups: budget, nodeLimit: budgetNodeLimit }).best;
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
  const { study, dataset } = recordOf(search);
  const tasks = study.tasks.map((t) => t.name);
  const { evidence, problem } = evidenceOnPath(study, runs);
  const scores = transferScores(evidence.losses);
  const chosen = solveHoaPartition({ ...problem, maxGroups: maxGroupsOf(study), topK: alternativeCount + 1, nodeLimit: chosenNodeLimit });
  return {
    searchId: search.id,
    status: search.status,
    tasks,
    taskTypes: dataset.taskTypes,
    weights: study.weights,
    budget: study.budget,
    grouping: names(chosen.best.groups, tasks),
    objective: chosen.best.objective,
    optimal: chosen.status === 'optimal',
    gap: chosen.gap,
    perTask: perTaskRows(evidence, scores.lossAlone, chosen.best, study.weights, tasks),
    baselines: baselines(problem, tasks),
    transfer: { tasks, matrix: scores.transfer, stderr: scores.stderr },
    alternatives: chosen.alternatives.slice(0, alternativeCount).map((p) => option(p, tasks)),
    runs: runCounts(search, runs),
    verification: verification(evidence, study.weights, tasks),
    failures: runs
      .filter((run) => run.status === 'failed')
      .map((run) => ({ tasks: run.tasks.map((t) => tasks[t]), seed: run.seed, error: run.error ?? 'unknown' })),
    facts: searchFacts(search, study, dataset, runs, toolVersion),
    elapsedSec: Math.round(search.elapsedSec * 10) / 10,
  };
}

/** The runs the report rests on: those on the verification path, and the grouping problem they pose. */
function evidenceOnPath(study: Study, runs: PlannedRunState[]): { evidence: SearchEvidence; problem: HoaPartitionProblem } {
  const gathered = gatherEvidence(study.tasks.length, runs);
  const path = followVerification(gathered, { weights: study.weights, maxGroups: maxGroupsOf(study), verify: study.verify });
  // Only the groups on the verification path count (see followVerification).
  const evidence = { ...gathered, groups: new Map(path.verified.map((key) => [key, gathered.groups.get(key)!])) };
  return { evidence, problem: path.problem };
}

/** Each task's loss alone and in its group of the chosen grouping, in task order. */
function perTaskRows(evidence: SearchEvidence, lossAlone: number[], chosen: Partition, weights: number[], tasks: string[]): PerTaskRow[] {
  const ratios = pairRatios(evidence.losses);
  const perTask: PerTaskRow[] = [];
  chosen.groups.forEach((group, g) => {
    for (const t of group) {
      const relative = relativeInGroup(evidence, ratios, t, group);
      perTask.push({
        task: tasks[t],
        group: g,
        lossAlone: lossAlone[t],
        lossGrouped: lossAlone[t] * relative.mean,
        relativeLoss: relative.mean,
        stderr: relative.stderr,
        weight: weights[t],
        measured: relative.measured,
      });
    }
  });
  return perTask.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task));
}

function baselines(problem: HoaPartitionProblem, tasks: string[]): ReportModel['baselines'] {
  const unlimited = solveHoaPartition({ ...problem, maxGroups: tasks.length, nodeLimit: chosenNodeLimit }).best;
  return {
    allSeparate: 1,
    allTogether: partitionObjective(problem, [tasks.map((_, t) => t)]),
    byBudget: bestByBudget(problem, tasks, unlimited),
  };
}

/** Runs planned, trained by this search, found cached, failed. */
function runCounts(search: StoredSearch, runs: PlannedRunState[]): ReportModel['runs'] {
  const failed = runs.filter((run) => run.status === 'failed').length;
  const done = runs.filter((run) => run.status === 'done').length;
  const trained = Math.min(search.trained, done);
  return { total: runs.length, trained, cached: done - trained, failed };
}

function searchFacts(search: StoredSearch, study: Study, dataset: DatasetFacts, runs: PlannedRunState[], toolVersion: string): ReportModel['facts'] {
  return {
    dataFile: search.dataFile,
    fingerprint: search.fingerprint,
    trainRows: dataset.trainRows,
    valRows: dataset.valRows,
    seeds: study.seeds,
    seed: study.seed,
    proxy: { ...study.proxy },
    backend: [...new Set(runs.map((run) => run.backend).filter((b): b is string => b !== null))].sort().join(', ') || 'none',
    toolVersion,
    createdAt: search.createdAt,
    finishedAt: search.finishedAt,
  };
}
