import { groupKey, type Partition } from '../search/index.js';
import type { GroupErrorModel } from '../transfer/index.js';
import { networksMost, type GroupingProblem } from './groupingProblem.js';
import { solveBest } from './solveMemo.js';

/**
 * Which unmeasured groups are worth training next, and when to stop: the decision step of
 * active verification (see activeVerification.ts).
 *
 * Two views of the same grouping problem are solved for each budget b:
 * - optimistic: every unmeasured group of 3+ tasks priced at its corrected estimate minus κ·σ
 *   per task (the error model's doubt, in the groups' favour);
 * - measured only: unmeasured groups of 3+ tasks priced out, so the answer is the best grouping
 *   whose every network was trained.
 * While the optimistic optimum beats the measured one by more than the margin, its unmeasured
 * groups are the most promising to train. When no budget's optimistic optimum does, no grouping
 * is estimated, even optimistically, to beat the best measured one by more than the margin.
 */
export interface ChoicePolicy {
  /** Optimism: how many σ an unmeasured group's estimate is lowered by. */
  kappa: number;
  /** Objective difference (relative loss) below which an optimistic gain is not worth a run. */
  margin: number;
  /** Most groups chosen in one round (they train in parallel). */
  perRound: number;
  /** Node limit of each solve (deterministic on every machine). */
  nodeLimit: number;
}

/** Relative-loss penalty that prices an unmeasured group out of the measured-only problem. */
export const unmeasuredPenalty = 1000;

/** The optimistic prices: groups of 3+ lowered by κσ; a pair keeps its correction (0, or the
 *  penalty of a search that measured no pair: see followVerification). */
export const optimisticAdjust = (model: GroupErrorModel, kappa: number): number[][] =>
  model.correction.map((row) =>
    row.map((value, size) => (size < 2 ? 0 : size === 2 ? value : value - kappa * model.sigma)),
  );

/** Unmeasured groups of 3+ priced out, and pairs too when `pairPenalty` says they were not measured. */
export const measuredOnlyAdjust = (n: number, pairPenalty = 0): number[][] =>
  Array.from({ length: n }, () =>
    Array.from({ length: n + 1 }, (_, size) =>
      size < 2 ? 0 : size === 2 ? pairPenalty : unmeasuredPenalty,
    ),
  );

/** The pair price of an error model: unmeasuredPenalty for a search that measured no pair, else 0. */
export const pairPrice = (model: GroupErrorModel): number => model.correction[0]?.[2] ?? 0;

/** True when every group of 3+ tasks in the partition is measured. */
export const fullyMeasured = (problem: GroupingProblem, groups: number[][]): boolean =>
  groups.every((g) => g.length < 3 || problem.measured?.has(groupKey(g)) === true);

export interface BudgetView {
  budget: number;
  optimistic: Partition;
  measured: Partition;
}

/**
 * Most tasks for which every binding budget below the target is viewed. The policy was chosen
 * on exhaustive tables of up to 12 tasks (MAX_EXHAUSTIVE_TASKS), where this is cheap. Above it
 * a solve takes about a second (20 tasks) to several (200), and a grouping of 200 tasks binds
 * at every budget below its 40-odd groups: 80 solves a round. There the views stop after
 * `boundedViews` budgets that bind (the target first): the target budget is what the user
 * asked for, and the next smaller ones are where a cheaper grouping could beat it.
 */
export const allBudgetsUpTo = 12;
export const boundedViews = 3;

/**
 * The optimistic and measured-only optima for `budget` (the search's) down to 1 (past
 * allBudgetsUpTo tasks, down to the boundedViews-th smaller budget that binds). A budget whose
 * optimum used fewer groups than allowed shares it with the next smaller budget, so only
 * budgets that bind are solved again. `smaller` false: the target budget's view alone.
 */
export function budgetViews(
  problem: GroupingProblem,
  model: GroupErrorModel,
  policy: ChoicePolicy,
  budget: number,
  smaller = true,
): BudgetView[] {
  const n = problem.pair.length;
  const most = networksMost(problem);
  const optimisticProblem = { ...problem, sizeAdjust: optimisticAdjust(model, policy.kappa) };
  const measuredProblem = { ...problem, sizeAdjust: measuredOnlyAdjust(n, pairPrice(model)) };
  const views: BudgetView[] = [];
  let optimistic: Partition | null = null;
  let measured: Partition | null = null;
  let solved = 0;
  for (let b = Math.min(budget, most); b >= 1; b--) {
    const binds =
      !optimistic || !measured || optimistic.groups.length > b || measured.groups.length > b;
    if (binds && most > allBudgetsUpTo && solved === boundedViews) break;
    if (binds) solved++;
    if (!optimistic || optimistic.groups.length > b)
      optimistic = solveBest(optimisticProblem, b, policy.nodeLimit);
    if (!measured || measured.groups.length > b)
      measured = solveBest(measuredProblem, b, policy.nodeLimit);
    views.push({ budget: b, optimistic, measured });
    if (!smaller) break;
  }
  return views;
}

/**
 * The groups to train next: the unmeasured groups of 3+ tasks of each budget's optimistic
 * optimum that beats its measured optimum by more than the margin, the target budget first,
 * at most `perRound`. Empty: the stopping rule holds for every budget.
 */
export function promisingGroups(
  problem: GroupingProblem,
  views: BudgetView[],
  policy: ChoicePolicy,
): number[][] {
  const chosen: number[][] = [];
  const seen = new Set<string>();
  for (const view of views) {
    if (view.optimistic.objective >= view.measured.objective - policy.margin) continue;
    for (const group of view.optimistic.groups) {
      const key = groupKey(group);
      if (group.length < 3 || problem.measured?.has(key) || seen.has(key)) continue;
      seen.add(key);
      chosen.push(group);
    }
    if (chosen.length >= policy.perRound) break;
  }
  return chosen;
}
