import { objectiveLabel } from './certificate.js';
import type { BudgetOption, ReportModel } from './model.js';

export interface BudgetStep extends BudgetOption {
  /** Objective saved by this budget over the next smaller one listed (positive = better). */
  gain: number | null;
  /** True for the smallest budget whose grouping is the chosen grouping (larger ones repeat it). */
  chosen: boolean;
}

/**
 * The best grouping per number of networks, ascending, each with what the extra network buys:
 * gain(k) = objective(k − 1) − objective(k). The chosen grouping is marked.
 */
export function budgetSteps(model: ReportModel): BudgetStep[] {
  const sorted = [...model.baselines.byBudget].sort((a, b) => a.budget - b.budget);
  return sorted.map((option, i) => ({
    ...option,
    gain:
      i > 0 && sorted[i - 1].budget === option.budget - 1
        ? sorted[i - 1].objective - option.objective
        : null,
    chosen:
      sameGrouping(option.grouping, model.grouping) &&
      !sorted.slice(0, i).some((smaller) => sameGrouping(smaller.grouping, model.grouping)),
  }));
}

/** Two groupings are the same partition when their sorted groups match. */
export function sameGrouping(a: string[][], b: string[][]): boolean {
  const key = (grouping: string[][]): string =>
    grouping
      .map((group) => JSON.stringify([...group].sort()))
      .sort()
      .join();
  return key(a) === key(b);
}

/**
 * One sentence on what a network beyond the chosen grouping would buy, from the budget table;
 * null when the table has no entry for one more network. Plain text (no markup, no task names);
 * its objective says whether it is measured or estimated, with its standard error.
 */
export function oneMoreNetworkSentence(
  model: ReportModel,
  format: (x: number) => string,
): string | null {
  const next = budgetSteps(model).find((step) => step.budget === model.grouping.length + 1);
  if (!next || !Number.isFinite(next.objective)) return null;
  const delta = model.objective - next.objective;
  const size = format(Math.abs(delta));
  const verdict = Number(size) === 0 ? 'no better' : delta > 0 ? `${size} better` : `${size} worse`;
  return (
    `With a budget of ${next.budget} networks the best grouping would score ` +
    `${objectiveLabel(next.objective, next.stderr, next.measured)} (${verdict}).`
  );
}
