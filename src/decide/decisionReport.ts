import type { BudgetOption, GroupingOption, NoiseReport, ReportModel } from '../report/model.js';
import { groupKey, type Partition, type TaskRoles } from '../search/index.js';
import { transferScores, type GroupErrorModel } from '../transfer/index.js';
import {
  followVerification,
  type DecisionRules,
  type VerificationPath,
} from './activeVerification.js';
import { fullyMeasured } from './candidates.js';
import { certificateOf, decide, type Decision } from './decision.js';
import {
  gatherEvidence,
  measuredMeans,
  otherRuns,
  type RunEvidence,
  type RunNetwork,
  type SearchEvidence,
} from './evidence.js';
import { objectiveStderr, taskFigure } from './groupingFigures.js';
import type { SearchMethod } from './methods/index.js';
import { auxiliaryEffects } from './auxiliaryEffects.js';
import { scoredTasks } from './groupingProblem.js';
import { gateAdvice, mmoeBaseline } from './mmoeBaseline.js';
import { networkLabeller } from './networkLabels.js';
import { perTaskRows, verification } from './reportRows.js';
import { noiseReport } from './noise.js';
import { withPairEstimates } from './pairRounds.js';
import { truthReportOf } from './truthReport.js';
import { everyTask } from './subsets.js';

/** How many alternatives a report lists after the chosen grouping. */
const alternativeCount = 5;

/** What a search decided from its runs, with what the decision rests on. */
export interface SearchDecision {
  tasks: string[];
  weights: number[];
  /** Most networks (the study's budget, or one per task). */
  budget: number;
  rules: DecisionRules;
  /** The evidence on the verification path (every group for an exhaustive search). */
  evidence: SearchEvidence;
  path: VerificationPath;
  decision: Decision;
  /** The runs of another network than the search's: its MMoE baseline (mmoeBaseline.ts). */
  baselineRuns: RunEvidence[];
}

/** An exhaustive search's runs, and its method, to score a decision against (truth.ts). */
export interface TruthRuns {
  searchId: string;
  runs: RunEvidence[];
  method: SearchMethod;
  /** Its network (absent: the shared bottom), the very network of the search it scores. */
  architecture?: RunNetwork;
}

/**
 * The decision of a search from its runs: the evidence on the verification path (the path is
 * replayed from the runs, so any process decides alike), the path, and the decision it gives
 * within `budget` networks. Pure: the same runs give the same decision.
 */
export function decideSearch(
  runs: RunEvidence[],
  tasks: string[],
  weights: number[],
  budget: number,
  rules: DecisionRules,
): SearchDecision {
  const gathered = gatherEvidence(tasks.length, runs, rules.method, rules.architecture);
  // With auxiliaries the objective scores the main tasks only.
  const scored = rules.roles ? scoredWeights(weights, rules.roles) : weights;
  const path = followVerification(gathered, scored, budget, rules);
  // Only the groups on the verification path count (see followVerification); an exhaustive
  // search measured every group, and its report rests on all of them.
  const onPath = rules.exhaustive ? [...gathered.groups.keys()] : path.verified;
  const evidence = {
    ...(path.pairs ? withPairEstimates(gathered, path.pairs) : gathered),
    groups: new Map(onPath.map((key) => [key, gathered.groups.get(key)!])),
  };
  if (rules.exhaustive) for (const key of onPath) addMeasured(path, evidence, key);
  const measuredAnswers = rules.verify || rules.exhaustive;
  const decision = decide(path, budget, alternativeCount + 1, measuredAnswers);
  const baselineRuns = otherRuns(runs, rules.architecture);
  return { tasks, weights: scored, budget, rules, evidence, path, decision, baselineRuns };
}

function addMeasured(path: VerificationPath, evidence: SearchEvidence, key: string): void {
  const main = path.problem.roles?.main;
  const scored = (t: number) => main?.includes(t) ?? true;
  const means = measuredMeans(evidence, evidence.groups.get(key)!, scored);
  if (means) path.problem.measured!.set(key, means);
}

/** The fields of a report the decision fills; the search's own facts are pipeline/result.ts'. */
export type DecisionFields = Pick<
  ReportModel,
  | 'grouping'
  | 'auxiliaries'
  | 'auxiliaryEffects'
  | 'objective'
  | 'objectiveKind'
  | 'objectiveStderr'
  | 'optimal'
  | 'gap'
  | 'certificate'
  | 'noise'
  | 'truth'
  | 'perTask'
  | 'baselines'
  | 'transfer'
  | 'alternatives'
  | 'verification'
>;

/**
 * The report's figures of a decision: the chosen grouping and what it rests on, its seed noise,
 * per-task figures, baselines, transfer scores and alternatives; `truthRuns` (an exhaustive
 * search of the same data and settings, this one included) score it against the truth.
 */
export function decisionReport(decided: SearchDecision, truthRuns?: TruthRuns): DecisionFields {
  const { tasks, weights, evidence, path, decision, rules } = decided;
  const chosen = decision.chosen.best;
  const scores = transferScores(evidence.losses);
  const measured = fullyMeasured(path, chosen.groups);
  const stderr = measured
    ? objectiveStderr(evidence, chosen.groups, weights)
    : estimateStderr(decided, chosen.groups);
  const label = networkLabeller(tasks, rules.roles);
  const scored = new Set(scoredTasks(path.problem));
  const runs = decided.baselineRuns;
  const mmoe = mmoeBaseline({ evidence, runs, weights, chosen, chosenStderr: stderr });
  return {
    ...label(chosen.groups),
    ...(rules.roles && {
      auxiliaryEffects: auxiliaryEffects(evidence, path.model, chosen, weights, rules.roles, tasks),
    }),
    objective: chosen.objective,
    objectiveKind: measured ? 'measured' : 'estimated',
    objectiveStderr: stderr,
    optimal: rules.exhaustive && decision.chosen.status === 'optimal',
    gap: decision.chosen.gap,
    certificate: {
      ...certificateOf(path, rules, tasks),
      ...(rules.exhaustive ? { groupsMeasured: path.problem.measured?.size ?? 0 } : {}),
    },
    noise: withAdvice(
      noiseReport({
        evidence,
        weights,
        chosen,
        objectiveStderr: stderr,
        runnerUp: decision.chosen.alternatives[0] ?? null,
        fewer: fewerNetworks(decision, chosen),
        label,
      }),
      gateAdvice(mmoe, tasks.length),
    ),
    ...truthOf(decided, truthRuns),
    perTask: perTaskRows(evidence, path.model, scores.lossAlone, chosen, weights, tasks, (t) =>
      scored.has(t),
    ),
    baselines: { ...baselines(decided), ...(mmoe && { mmoe }) },
    transfer: { tasks, matrix: scores.transfer, stderr: scores.stderr },
    alternatives: decision.chosen.alternatives
      .slice(0, alternativeCount)
      .map((p) => option(decided, p)),
    verification: verification(evidence, path, weights, tasks),
  };
}

/** The noise report with one more line of advice, if any. */
const withAdvice = (noise: NoiseReport, line: string | undefined): NoiseReport =>
  line === undefined ? noise : { ...noise, advice: [...noise.advice, line] };

/**
 * Uncertainty of an estimated objective: the error model's σ for the weighted share of tasks
 * that sit in unmeasured groups of 3+ (the rest is measured, and its seed noise is far smaller).
 */
function estimateStderr(basis: SearchDecision, groups: number[][]): number {
  const { weights } = basis;
  const total = weights.reduce((a, b) => a + b, 0);
  const unmeasured = groups.filter(
    (g) => g.length >= 3 && !basis.path.problem.measured?.has(groupKey(g)),
  );
  return (
    (basis.path.model.sigma * unmeasured.flat().reduce((sum, t) => sum + weights[t], 0)) / total
  );
}

function option(basis: SearchDecision, p: Partition): GroupingOption {
  const measured = fullyMeasured(basis.path, p.groups);
  const stderr = measured
    ? objectiveStderr(basis.evidence, p.groups, basis.weights)
    : estimateStderr(basis, p.groups);
  const label = networkLabeller(basis.tasks, basis.rules.roles);
  return { ...label(p.groups), objective: p.objective, measured, stderr };
}

/** The best measured grouping with fewer networks than the chosen one. */
function fewerNetworks(decision: Decision, chosen: Partition): Partition | null {
  const k = chosen.groups.length;
  const fewer = k > 1 ? decision.byBudget[k - 2] : undefined;
  return fewer && fewer.measured && fewer.best.groups.length < k ? fewer.best : null;
}

/** `{ truth }` scored against an exhaustive search's runs, or nothing (the key stays absent). */
function truthOf(
  basis: SearchDecision,
  truthRuns: TruthRuns | undefined,
): Pick<ReportModel, 'truth'> {
  if (!truthRuns) return {};
  const { tasks, weights, rules, budget, decision } = basis;
  const { runs, method, architecture } = truthRuns;
  const evidence = gatherEvidence(tasks.length, runs, method, architecture);
  const chosen = decision.chosen.best.groups;
  const truth = truthReportOf(
    evidence,
    weights,
    rules.roles,
    chosen,
    budget,
    tasks,
    truthRuns.searchId,
  );
  return truth ? { truth } : {};
}
function baselines(basis: SearchDecision): ReportModel['baselines'] {
  const { evidence, path, weights, tasks, decision } = basis;
  const allInOne = everyTask(tasks.length);
  const scored = scoredTasks(path.problem);
  const together = scored.map((t) => taskFigure(evidence, path.model, t, allInOne));
  const total = weights.reduce((a, b) => a + b, 0);
  const label = networkLabeller(tasks, basis.rules.roles);
  const byBudget: BudgetOption[] = decision.byBudget.map(({ budget, best, measured }) => ({
    budget,
    ...label(best.groups),
    objective: best.objective,
    measured,
    stderr: measured
      ? objectiveStderr(evidence, best.groups, weights)
      : estimateStderr(basis, best.groups),
  }));
  return {
    allSeparate: 1,
    allTogether: together.reduce((sum, f, k) => sum + weights[scored[k]] * f.mean, 0) / total,
    allTogetherMeasured: together.every((f) => f.measured),
    allTogetherStderr: objectiveStderr(evidence, [allInOne], weights),
    byBudget,
  };
}

/** The weights the objective scores: an auxiliary task's are 0. */
export const scoredWeights = (weights: number[], roles: TaskRoles): number[] =>
  weights.map((w, t) => (roles.main.includes(t) ? w : 0));
