import { sameGrouping } from './budgetSteps.js';
import { objectiveLabel } from './certificate.js';
import { formatPercent, plural } from './format.js';
import type { BudgetOption, Comparison, ReportModel, TruthReport } from './model.js';
import type { NetworkSummary } from './networks.js';

/**
 * What each figure of a report rests on, as plain text shared by Markdown and HTML (no markup,
 * no task names: the renderers escape and place those), so both formats say the same thing.
 */

export type Source = 'measured' | 'estimated';

/** A figure without the flag counts as measured, as objectiveLabel (certificate.ts) reads it. */
export const sourceOf = (measured: boolean | undefined): Source =>
  measured === false ? 'estimated' : 'measured';

/** A network's figures are measured when every one of its tasks' losses is. */
export const networkSource = (net: NetworkSummary): Source =>
  sourceOf(net.rows.every((row) => row.measured !== false));

/** What "measured", "estimated" and ± mean, for the legend of every table that shows them. */
export const SOURCE_RULE =
  'Measured: every network behind the figure was trained; estimated: at least one of its groups of ' +
  "three or more tasks was not, and that group's losses come from the pair-based estimate. ± is " +
  'the standard error over seeds of a measured figure, and the uncertainty of the pair-based ' +
  'estimate for an estimated one.';

/** The "optimal" word, only when an exhaustive search proved it: every subset was trained. */
export const optimalNote = (model: ReportModel): string | null =>
  model.optimal === true ? 'optimal: every task subset was trained' : null;

export interface ComparisonRow {
  label: string;
  comparison: Comparison;
}

/**
 * The seed-by-seed comparisons of the noise report, one row when both name the same grouping.
 * A comparison without its own standard error takes the one the budgets or alternatives list
 * gives the same grouping.
 */
export function noiseComparisons(model: ReportModel): ComparisonRow[] {
  const { runnerUp, fewerNetworks } = model.noise;
  const known = [...model.alternatives, ...model.baselines.byBudget];
  const withStderr = (c: Comparison): Comparison =>
    c.stderr !== undefined
      ? c
      : { ...c, stderr: known.find((o) => sameGrouping(o.grouping, c.grouping))?.stderr };
  if (runnerUp && fewerNetworks && sameGrouping(runnerUp.grouping, fewerNetworks.grouping)) {
    return [{ label: 'Next best, and best with fewer networks', comparison: withStderr(runnerUp) }];
  }
  const rows: ComparisonRow[] = [];
  if (runnerUp)
    rows.push({ label: 'Next best within the budget', comparison: withStderr(runnerUp) });
  if (fewerNetworks)
    rows.push({ label: 'Best with fewer networks', comparison: withStderr(fewerNetworks) });
  return rows;
}

/** Shown above the comparisons table. */
export const COMPARISON_RULE =
  'Compared seed by seed with the chosen grouping (every seed of every run sees the same rows, so ' +
  'the difference of two groupings is measured per seed): "worse by" is the other grouping\'s ' +
  "objective minus the chosen one's, with the standard error of that paired difference; a " +
  'difference within one standard error is no difference.';

export interface VerificationRow {
  group: string[];
  estimated: number;
  measured: number;
  /** measured − estimated: below zero, the group does better than its pairs predicted. */
  difference: number;
}

export const verificationRows = (model: ReportModel): VerificationRow[] =>
  (model.verification ?? []).map((v) => ({ ...v, difference: v.measured - v.estimated }));

/**
 * Shown above the list of groups trained. An exhaustive search trained every subset, but lists,
 * like any other, only the groups trained to check the pair-based estimate: it says so.
 */
export function verificationIntro(model: ReportModel): string {
  const intro =
    'The groups of three or more tasks trained to check the pair-based estimate, the ' +
    'all-in-one network included: the mean relative loss of their tasks (weighted) as estimated ' +
    'from their pairs (in italics) and as measured over seeds. Below zero, measured − estimate says ' +
    'the group does better than its pairs predict.';
  return model.certificate.basis === 'exhaustive'
    ? `${intro} This exhaustive search trained every other task subset too: Against the exhaustive truth ranks every grouping on them.`
    : intro;
}

/** The certificate's details in one line, for the search facts. */
export function verificationFact(model: ReportModel): string {
  const c = model.certificate;
  return (
    `basis ${c.basis}, status ${c.status}: ${plural(c.groupsMeasured, 'group')} of 3+ tasks measured in ` +
    `${plural(c.rounds, 'round')} (at most ${c.groupCap} besides the all-in-one network); σ = ${c.sigma.toFixed(4)} ` +
    `per task, κ = ${c.kappa}, margin ${(100 * c.margin).toFixed(2)} %`
  );
}

/**
 * The truth in one sentence without names: "Within the budget the best grouping scores 0.9564,
 * measured; this grouping's regret is +0.24% (its objective ÷ the best − 1; seed noise ±0.32%,
 * paired), rank 2 of 365 groupings within the budget." No noise part when it is 0 (one seed, or
 * the optimum itself).
 */
export function truthSentence(truth: TruthReport): string {
  const noise = truth.regretStderr
    ? `; seed noise ±${(100 * truth.regretStderr).toFixed(2)}%, paired`
    : '';
  return (
    `Within the budget the best grouping scores ${objectiveLabel(truth.optimum.objective, truth.optimum.stderr, true)}; ` +
    `this grouping's regret is ${formatPercent(truth.regret, 2)} (its objective ÷ the best − 1${noise}), ` +
    `rank ${truth.rank} of ${truth.of} groupings within the budget.`
  );
}

export interface TruthRow {
  /** The truth's best grouping within this budget. */
  best: BudgetOption;
  /** This search's best grouping within the same budget, and its objective labelled. */
  ours: BudgetOption | null;
  oursLabel: string | null;
  sameGrouping: 'yes' | 'no' | '—';
  /** The search's own budget. */
  atBudget: boolean;
}

/** The truth's best grouping per budget next to this search's. */
export function truthRows(model: ReportModel, truth: TruthReport): TruthRow[] {
  const ours = new Map(model.baselines.byBudget.map((option) => [option.budget, option]));
  return truth.byBudget.map((best) => {
    const mine = ours.get(best.budget) ?? null;
    return {
      best,
      ours: mine,
      oursLabel: mine && objectiveLabel(mine.objective, mine.stderr, mine.measured),
      sameGrouping: mine ? (sameGrouping(mine.grouping, best.grouping) ? 'yes' : 'no') : '—',
      atBudget: best.budget === model.budget,
    };
  });
}

/** Shown above the truth table. */
export const TRUTH_RULE =
  "trained every task subset on the same data, proxy settings and seeds, so every grouping's " +
  'objective is measured there: the best grouping for each budget is known exactly (up to seed noise).';

/** A piece of an advice sentence: plain text, or a grouping the sentence names. */
export type AdvicePiece = string | string[][];

/**
 * An advice sentence cut around the groupings it names, so each format can show task names its
 * own safe way (code spans, escaped spans). The noise report writes a grouping as `{a, b} {c}`;
 * a sentence that names no compared grouping that way stays one piece of plain text.
 */
export function advicePieces(line: string, model: ReportModel): AdvicePiece[] {
  const groupings = [model.noise.runnerUp, model.noise.fewerNetworks].flatMap((c) =>
    c ? [c.grouping] : [],
  );
  const labelled = groupings
    .map((grouping) => ({ grouping, label: grouping.map((g) => `{${g.join(', ')}}`).join(' ') }))
    .sort((a, b) => b.label.length - a.label.length);
  const pieces: AdvicePiece[] = [];
  let rest = line;
  while (rest.length > 0) {
    const found = labelled
      .map((l) => ({ ...l, at: rest.indexOf(l.label) }))
      .filter((l) => l.at >= 0)
      .sort((a, b) => a.at - b.at)[0];
    if (!found) break;
    if (found.at > 0) pieces.push(rest.slice(0, found.at));
    pieces.push(found.grouping);
    rest = rest.slice(found.at + found.label.length);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
