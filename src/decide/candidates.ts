import { EXACT_HOA_TASKS, groupKey, type Partition } from '../search/index.js';
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
  /** Budgets that bind viewed each round past allBudgetsUpTo tasks (default boundedViews). */
  views?: number;
  /**
   * Past allBudgetsUpTo tasks, view budgets that halve the optimistic optimum's groups (n, then
   * about half its groups, a quarter...) instead of the next smaller ones: see lazyPairsPolicy.
   */
  spread?: boolean;
  /** Node limit of each solve past EXACT_HOA_TASKS tasks, where the search is anytime (default
   *  nodeLimit, which the solver caps at anytimeNodeLimit(n)). */
  wideNodeLimit?: number;
}

/** Relative-loss penalty that prices an unmeasured group out of the measured-only problem. */
export const unmeasuredPenalty = 1000;

/** The optimistic prices: unmeasured groups of 3+ lowered by κσ (a pair group is priced by its
 *  pair matrix, measured or estimated: see budgetViews). */
export const optimisticAdjust = (model: GroupErrorModel, kappa: number): number[][] =>
  model.correction.map((row) =>
    row.map((value, size) => (size < 3 ? 0 : value - kappa * model.sigma)),
  );

/** Unmeasured groups of 3+ priced out. */
export const measuredOnlyAdjust = (n: number): number[][] =>
  Array.from({ length: n }, () =>
    Array.from({ length: n + 1 }, (_, size) => (size < 3 ? 0 : unmeasuredPenalty)),
  );

/**
 * The pair matrices of the two views when not every pair was trained (a `tag` search,
 * pairRounds.ts): untrained pairs optimistic in one, priced out in the other. Absent: the
 * problem's own pairs, all measured, serve both.
 */
export interface PairViews {
  optimistic: number[][];
  measuredOnly: number[][];
  /** The trained pairs, by group key. */
  trained: Set<string>;
}

/** What a grouping's measurement status is read from: the measured groups and pairs. */
export interface MeasuredSets {
  problem: GroupingProblem;
  pairs?: PairViews;
}

/** True when every group of 2+ tasks in the partition is measured (a pair always, unless the
 *  pairs are estimated). */
export const fullyMeasured = (sets: MeasuredSets, groups: number[][]): boolean =>
  groups.every(
    (g) =>
      g.length < 2 ||
      (g.length === 2
        ? sets.pairs === undefined || sets.pairs.trained.has(groupKey(g))
        : sets.problem.measured?.has(groupKey(g)) === true),
  );

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
  pairs?: PairViews,
): BudgetView[] {
  const n = problem.pair.length;
  const most = networksMost(problem);
  const optimisticProblem = {
    ...problem,
    pair: pairs?.optimistic ?? problem.pair,
    sizeAdjust: optimisticAdjust(model, policy.kappa),
  };
  const measuredProblem = {
    ...problem,
    pair: pairs?.measuredOnly ?? problem.pair,
    sizeAdjust: measuredOnlyAdjust(n),
  };
  const nodeLimit =
    n > EXACT_HOA_TASKS ? (policy.wideNodeLimit ?? policy.nodeLimit) : policy.nodeLimit;
  const solve = (p: GroupingProblem, b: number) => solveBest(p, b, nodeLimit);
  const views: BudgetView[] = [];
  let optimistic: Partition | null = null;
  let measured: Partition | null = null;
  let solved = 0;
  for (let b = Math.min(budget, most); b >= 1; b--) {
    const binds =
      !optimistic || !measured || optimistic.groups.length > b || measured.groups.length > b;
    if (binds && most > allBudgetsUpTo && solved === (policy.views ?? boundedViews)) break;
    if (binds) solved++;
    if (!optimistic || optimistic.groups.length > b) optimistic = solve(optimisticProblem, b);
    if (!measured || measured.groups.length > b) measured = solve(measuredProblem, b);
    views.push({ budget: b, optimistic, measured });
    if (!smaller) break;
    if (policy.spread && most > allBudgetsUpTo)
      b = Math.min(b, Math.ceil(optimistic.groups.length / 2) + 1);
  }
  return views;
}

/**
 * The subsets to train next: from each budget's optimistic optimum that beats its measured
 * optimum by more than the margin (the target budget first), what `expand` makes of its groups
 * (by default each unmeasured group of 3+ tasks; a `tag` search also trains pairs:
 * pairRounds.ts), until `perRound` are chosen. Empty: the stopping rule holds for every budget.
 */
export function promisingGroups(
  problem: GroupingProblem,
  views: BudgetView[],
  policy: ChoicePolicy,
  expand: (groups: number[][], first: boolean) => number[][] = (groups) =>
    groups.filter((g) => g.length >= 3 && !problem.measured?.has(groupKey(g))),
): number[][] {
  const chosen: number[][] = [];
  const seen = new Set<string>();
  for (const view of views) {
    if (view.optimistic.objective >= view.measured.objective - policy.margin) continue;
    for (const subset of expand(view.optimistic.groups, view === views[0])) {
      const key = groupKey(subset);
      if (seen.has(key)) continue;
      seen.add(key);
      chosen.push(subset);
    }
    if (chosen.length >= policy.perRound) break;
  }
  return chosen;
}
