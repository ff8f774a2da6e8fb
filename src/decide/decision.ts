import type { Certificate } from '../report/model.js';
import type { Partition, SolveResult } from '../search/index.js';
// The solver's entries from their own modules: a reader (or a tool) follows the budget in.
import { mergeDown } from '../search/mergeDown.js';
import type { DecisionRules, VerificationPath } from './activeVerification.js';
import {
  allBudgetsUpTo,
  boundedViews,
  fullyMeasured,
  measuredOnlyAdjust,
  unmeasuredPenalty,
} from './candidates.js';
import { groupingObjective, networksMost, type GroupingProblem } from './groupingProblem.js';
import { networkLabeller } from './networkLabels.js';
import { solveBest, solveWithRows } from './solveMemo.js';

/**
 * The decision a search reports: which grouping, on what basis, with which alternatives and
 * which best grouping per budget. With verification, every answer is a grouping whose networks
 * were all trained (the measured-only problem); without it, the corrected pair estimate.
 */

/** Node limit of the final solves: a node count, not seconds, so every machine gives the same answer. */
export const decisionNodeLimit = 3_000_000;

export interface Decision {
  chosen: SolveResult<Partition>;
  /** The problem the answer rests on (measured-only, or the corrected estimate). */
  basis: GroupingProblem;
  /** Best grouping for each budget 1..n, with whether it is fully measured. */
  byBudget: { budget: number; best: Partition; measured: boolean }[];
}

/** The corrected pair estimate: every unmeasured group of 3+ tasks with the error model's correction. */
export const correctedProblem = (path: VerificationPath): GroupingProblem => ({
  ...path.problem,
  sizeAdjust: path.model.correction,
});

const measuredOnlyProblem = (path: VerificationPath): GroupingProblem => ({
  ...path.problem,
  pair: path.pairs?.measuredOnly ?? path.problem.pair,
  sizeAdjust: measuredOnlyAdjust(path.problem.pair.length),
});

/** Drops answers that only the penalty on unmeasured groups kept in the list. */
const affordable = (p: Partition): boolean => p.objective < unmeasuredPenalty / 2;

export function decide(
  path: VerificationPath,
  budget: number,
  topK: number,
  measuredAnswers: boolean,
): Decision {
  const n = networksMost(path.problem);
  const basis = measuredAnswers ? measuredOnlyProblem(path) : correctedProblem(path);
  const corrected = correctedProblem(path);
  const chosen = solveWithRows(basis, budget, { topK, nodeLimit: decisionNodeLimit });
  chosen.alternatives = chosen.alternatives.filter(affordable);
  const byBudget: Decision['byBudget'] = [];
  // Downwards: an optimum that leaves a network unused is also the optimum one budget lower.
  // Past the target budget a verified search measured nothing: the corrected estimate. Past
  // allBudgetsUpTo tasks, after boundedViews solves on each side of the target, the budgets
  // that still bind take the greedy merge of the next larger budget's grouping (mergeDown):
  // a feasible grouping, not a proven optimum, where 200 tasks would take ~80 more solves.
  let best: Partition | null = null;
  let solves = 0;
  for (let b = n; b >= 1; b--) {
    const problem = b <= budget ? basis : corrected;
    if (b === budget + 1 || b === budget) solves = 0;
    if (b === budget) best = chosen.best;
    else if (best && best.groups.length > b && n > allBudgetsUpTo && solves >= boundedViews)
      best = mergeDown(problem, best, b);
    else if (!best || best.groups.length > b) {
      best = solveBest(problem, b, decisionNodeLimit / 10);
      solves++;
    }
    byBudget.unshift({ budget: b, best, measured: fullyMeasured(path, best.groups) });
  }
  return { chosen, basis, byBudget };
}

/** What the answer rests on, from the verification path (see Certificate in report/model.ts). */
export function certificateOf(
  path: VerificationPath,
  rules: Pick<DecisionRules, 'exhaustive' | 'groupCap' | 'roles'>,
  taskNames: string[],
): Certificate {
  const { exhaustive, groupCap } = rules;
  const label = networkLabeller(taskNames, rules.roles);
  const view = path.views[0];
  const status: Certificate['status'] = exhaustive
    ? 'exhaustive'
    : path.stop === 'waiting'
      ? 'in progress'
      : path.stop;
  const candidates = path.candidates.map((c) => {
    const measured = fullyMeasured(path, c.groups);
    const objective = groupingObjective(measured ? path.problem : correctedProblem(path), c.groups);
    return {
      round: c.round,
      budget: c.budget,
      ...label(c.groups),
      optimistic: c.optimistic,
      objective,
      measured,
    };
  });
  return {
    candidates,
    basis: exhaustive ? 'exhaustive' : path.stop === 'not verified' ? 'estimate' : 'verified',
    status,
    optimisticBest:
      view && !fullyMeasured(path, view.optimistic.groups) ? view.optimistic.objective : null,
    margin: path.policy.margin,
    kappa: path.policy.kappa,
    sigma: path.model.sigma,
    groupsMeasured: path.verified.length,
    rounds: path.rounds,
    groupCap,
  };
}
