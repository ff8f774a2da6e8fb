import { maxGroupsOf, verificationGroupCap, type Study } from '../config/study.js';
import type { DatasetFacts } from '../config/studyRecord.js';
import type { BudgetOption, GroupingOption, PerTaskRow, ReportModel } from '../report/model.js';
import { groupKey, type Partition } from '../search/index.js';
import type { PlannedRunState, StoredSearch } from '../store/index.js';
import {
  relativeLossInGroup,
  pairRatios,
  transferScores,
  type GroupErrorModel,
} from '../transfer/index.js';
import { followVerification, type VerificationPath } from '../decide/activeVerification.js';
import { fullyMeasured } from '../decide/candidates.js';
import { certificateOf, decide, type Decision } from '../decide/decision.js';
import { gatherEvidence, measuredMeans, type SearchEvidence } from '../decide/evidence.js';
import { objectiveStderr, taskFigure } from '../decide/groupingFigures.js';
import { noiseReport } from '../decide/noise.js';
import { recordOf } from './storedSearch.js';
import { scoreAgainstTruth, subsetTruth } from '../decide/truth.js';
import { verificationOptions } from './verify.js';

/** How many alternatives a report lists after the chosen grouping. */
const alternativeCount = 5;

const names = (groups: number[][], tasks: string[]) =>
  groups.map((group) => group.map((t) => tasks[t]));

/** What the report of a search is built from: its study, its runs on the verification path. */
interface Basis {
  study: Study;
  tasks: string[];
  evidence: SearchEvidence;
  path: VerificationPath;
  decision: Decision;
}

/**
 * Builds the report model of a search from its stored runs: transfer scores, the grouping the
 * search chose and what it rests on, baselines, alternatives, noise and per-task figures; the
 * exhaustive truth when every subset was trained, by this search or by `truthRuns` (an
 * exhaustive search of the same data and settings). Pure: the same runs give the same model.
 */
export function buildReport(
  search: StoredSearch,
  runs: PlannedRunState[],
  toolVersion: string,
  truthRuns?: { searchId: string; runs: PlannedRunState[] },
): ReportModel {
  const { study, dataset } = recordOf(search);
  const basis = basisOf(study, runs);
  const { tasks, evidence, path, decision } = basis;
  const chosen = decision.chosen.best;
  const scores = transferScores(evidence.losses);
  const measured = fullyMeasured(path.problem, chosen.groups);
  const stderr = measured
    ? objectiveStderr(evidence, chosen.groups, study.weights)
    : estimateStderr(basis, chosen.groups);
  const runnerUp = decision.chosen.alternatives[0] ?? null;
  return {
    searchId: search.id,
    status: search.status,
    tasks,
    taskTypes: dataset.taskTypes,
    weights: study.weights,
    budget: study.budget,
    grouping: names(chosen.groups, tasks),
    objective: chosen.objective,
    objectiveKind: measured ? 'measured' : 'estimated',
    objectiveStderr: stderr,
    optimal: study.exhaustive && decision.chosen.status === 'optimal',
    gap: decision.chosen.gap,
    certificate: {
      ...certificateOf(path, study.exhaustive, verificationGroupCap(study), tasks),
      ...(study.exhaustive ? { groupsMeasured: path.problem.measured?.size ?? 0 } : {}),
    },
    noise: noiseReport({
      evidence,
      weights: study.weights,
      chosen,
      objectiveStderr: stderr,
      runnerUp,
      fewer: fewerNetworks(decision, chosen),
      names: tasks,
    }),
    ...truthOf(basis, study.exhaustive ? { searchId: search.id, runs } : truthRuns),
    perTask: perTaskRows(evidence, path.model, scores.lossAlone, chosen, study.weights, tasks),
    baselines: baselines(basis),
    transfer: { tasks, matrix: scores.transfer, stderr: scores.stderr },
    alternatives: decision.chosen.alternatives
      .slice(0, alternativeCount)
      .map((p) => option(basis, p)),
    runs: runCounts(search, runs),
    verification: verification(evidence, path, study.weights, tasks),
    failures: failuresOf(runs, tasks),
    facts: searchFacts(search, study, dataset, runs, toolVersion),
    elapsedSec: Math.round(search.elapsedSec * 10) / 10,
  };
}

/** The runs the report rests on (those on the verification path) and the decision they give. */
export function basisOf(study: Study, runs: PlannedRunState[]): Basis {
  const tasks = study.tasks.map((t) => t.name);
  const gathered = gatherEvidence(tasks.length, runs);
  const path = followVerification(gathered, verificationOptions(study));
  // Only the groups on the verification path count (see followVerification); an exhaustive
  // search measured every group, and its report rests on all of them.
  const onPath = study.exhaustive ? [...gathered.groups.keys()] : path.verified;
  const evidence = {
    ...gathered,
    groups: new Map(onPath.map((key) => [key, gathered.groups.get(key)!])),
  };
  if (study.exhaustive) for (const key of onPath) addMeasured(path, evidence, key);
  const decision = decide(
    path,
    maxGroupsOf(study),
    alternativeCount + 1,
    study.verify || study.exhaustive,
  );
  return { study, tasks, evidence, path, decision };
}

function addMeasured(path: VerificationPath, evidence: SearchEvidence, key: string): void {
  const means = measuredMeans(evidence, evidence.groups.get(key)!);
  if (means) path.problem.measured!.set(key, means);
}

/**
 * Uncertainty of an estimated objective: the error model's σ for the weighted share of tasks
 * that sit in unmeasured groups of 3+ (the rest is measured, and its seed noise is far smaller).
 */
function estimateStderr(basis: Basis, groups: number[][]): number {
  const { weights } = basis.study;
  const total = weights.reduce((a, b) => a + b, 0);
  const unmeasured = groups.filter(
    (g) => g.length >= 3 && !basis.path.problem.measured?.has(groupKey(g)),
  );
  return (
    (basis.path.model.sigma * unmeasured.flat().reduce((sum, t) => sum + weights[t], 0)) / total
  );
}

function option(basis: Basis, p: Partition): GroupingOption {
  const measured = fullyMeasured(basis.path.problem, p.groups);
  const stderr = measured
    ? objectiveStderr(basis.evidence, p.groups, basis.study.weights)
    : estimateStderr(basis, p.groups);
  return { grouping: names(p.groups, basis.tasks), objective: p.objective, measured, stderr };
}

/** The best measured grouping with fewer networks than the chosen one. */
function fewerNetworks(decision: Decision, chosen: Partition): Partition | null {
  const k = chosen.groups.length;
  const fewer = k > 1 ? decision.byBudget[k - 2] : undefined;
  return fewer && fewer.measured && fewer.best.groups.length < k ? fewer.best : null;
}

/** `{ truth }` scored against an exhaustive search's runs, or nothing (the key stays absent). */
function truthOf(
  basis: Basis,
  truthRuns: { searchId: string; runs: PlannedRunState[] } | undefined,
): Pick<ReportModel, 'truth'> {
  if (!truthRuns) return {};
  const evidence = gatherEvidence(basis.tasks.length, truthRuns.runs);
  const truth = subsetTruth(evidence, basis.study.weights);
  const stderrOf = (groups: number[][]) => objectiveStderr(evidence, groups, basis.study.weights);
  return truth
    ? {
        truth: scoreAgainstTruth(
          truth,
          basis.decision.chosen.best.groups,
          maxGroupsOf(basis.study),
          basis.tasks,
          truthRuns.searchId,
          stderrOf,
        ),
      }
    : {};
}

/** Each task's loss alone and in its group of the chosen grouping, in task order. */
function perTaskRows(
  evidence: SearchEvidence,
  model: GroupErrorModel,
  lossAlone: number[],
  chosen: Partition,
  weights: number[],
  tasks: string[],
): PerTaskRow[] {
  const perTask: PerTaskRow[] = [];
  chosen.groups.forEach((group, g) => {
    for (const t of group) {
      const relative = taskFigure(evidence, model, t, group);
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

function baselines(basis: Basis): ReportModel['baselines'] {
  const { evidence, path, study, tasks, decision } = basis;
  const everyTask = [tasks.map((_, t) => t)];
  const together = everyTask[0].map((t) => taskFigure(evidence, path.model, t, everyTask[0]));
  const total = study.weights.reduce((a, b) => a + b, 0);
  const byBudget: BudgetOption[] = decision.byBudget.map(({ budget, best, measured }) => ({
    budget,
    grouping: names(best.groups, tasks),
    objective: best.objective,
    measured,
    stderr: measured
      ? objectiveStderr(evidence, best.groups, study.weights)
      : estimateStderr(basis, best.groups),
  }));
  return {
    allSeparate: 1,
    allTogether: together.reduce((sum, f, t) => sum + study.weights[t] * f.mean, 0) / total,
    allTogetherMeasured: together.every((f) => f.measured),
    allTogetherStderr: objectiveStderr(evidence, everyTask, study.weights),
    byBudget,
  };
}

/** Each measured group of 3+ tasks on the path: its pair-based estimate next to its measured loss. */
function verification(
  evidence: SearchEvidence,
  path: VerificationPath,
  weights: number[],
  tasks: string[],
): NonNullable<ReportModel['verification']> {
  const ratios = pairRatios(evidence.losses);
  const weighted = (members: number[], value: (t: number, k: number) => number) =>
    members.reduce((sum, t, k) => sum + weights[t] * value(t, k), 0) /
    members.reduce((sum, t) => sum + weights[t], 0);
  return path.verified.flatMap((key) => {
    const values = path.problem.measured?.get(key);
    const group = evidence.groups.get(key);
    if (!values || !group) return [];
    return [
      {
        group: group.tasks.map((t) => tasks[t]),
        estimated: weighted(group.tasks, (t) => relativeLossInGroup(ratios, t, group.tasks).mean),
        measured: weighted(group.tasks, (_, k) => values[k]),
      },
    ];
  });
}

/** Runs planned, trained by this search, found cached, failed. */
function runCounts(search: StoredSearch, runs: PlannedRunState[]): ReportModel['runs'] {
  const failed = runs.filter((run) => run.status === 'failed').length;
  const done = runs.filter((run) => run.status === 'done').length;
  const trained = Math.min(search.trained, done);
  return { total: runs.length, trained, cached: done - trained, failed };
}

function searchFacts(
  search: StoredSearch,
  study: Study,
  dataset: DatasetFacts,
  runs: PlannedRunState[],
  toolVersion: string,
): ReportModel['facts'] {
  return {
    dataFile: search.dataFile,
    fingerprint: search.fingerprint,
    trainRows: dataset.trainRows,
    valRows: dataset.valRows,
    seeds: study.seeds,
    seed: study.seed,
    proxy: { ...study.proxy },
    backend:
      [...new Set(runs.map((run) => run.backend).filter((b): b is string => b !== null))]
        .sort()
        .join(', ') || 'none',
    method: study.method,
    toolVersion,
    createdAt: search.createdAt,
    finishedAt: search.finishedAt,
  };
}

/** Runs that failed after every retry, with their error. */
const failuresOf = (runs: PlannedRunState[], tasks: string[]) =>
  runs
    .filter((run) => run.status === 'failed')
    .map((run) => ({
      tasks: run.tasks.map((t) => tasks[t]),
      seed: run.seed,
      error: run.error ?? 'unknown',
    }));
