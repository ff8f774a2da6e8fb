import { groupKey, type TaskRoles } from '../search/index.js';
import {
  fitGroupErrors,
  pairNoise,
  relativePairMatrix,
  type GroupError,
  type GroupErrorModel,
} from '../transfer/index.js';
import {
  allBudgetsUpTo,
  budgetViews,
  promisingGroups,
  type BudgetView,
  type ChoicePolicy,
} from './candidates.js';
import { unmeasuredNeighbours } from './auxiliaryNeighbours.js';
import { measuredMeans, type RunNetwork, type SearchEvidence } from './evidence.js';
import { pairEstimate, scoredTasks, type GroupingProblem } from './groupingProblem.js';
import type { SearchMethod } from './methods/index.js';
import { everyTask } from './subsets.js';
import { LazyPairs, lazyPairsPolicy, type PairState } from './pairRounds.js';

/**
 * Active verification: which groups of three or more tasks a search trains beyond its singles
 * and pairs, and when it may stop.
 *
 * The pair-based estimate (HOA) of a larger group is biased, by an amount that depends on the
 * data and grows with the group's size, so a grouping chosen on it alone is often not the best
 * one, and checking only that grouping's own groups never looks beyond it. Instead, after the
 * singles, the pairs and the all-in-one network are measured, each round
 *   1. fits the error model of the estimate on the groups measured so far (groupErrors.ts),
 *   2. prices every unmeasured group optimistically (corrected estimate − κ·σ per task) and
 *      solves, for each budget from the target down, the optimistic and the measured-only
 *      problems (candidates.ts),
 *   3. trains the unmeasured groups of the optimistic optima that beat the best measured
 *      grouping by more than the margin,
 * and stops when none does (certified: no grouping is estimated, even optimistically, to beat
 * the best measured one by more than the margin) or when the run cap is spent.
 *
 * The path is replayed from the stored runs every time: a round's choice depends only on the
 * groups measured in the rounds before it, a group counts once every seed's run has ended, and
 * groups trained off the path are ignored. So a resumed or concurrent search ends where an
 * uninterrupted one does.
 */
export const defaultPolicy: Readonly<ChoicePolicy> = Object.freeze({
  // Chosen on exhaustive tables (every subset of 6-8 tasks trained; synthetic, recommender,
  // multi-label biology, insurance and health-care data): κ = 1 kept every case within 0.2 % of
  // the true optimum at a third of the runs κ = 1.5 took; κ = 0 missed by up to 0.5 %.
  kappa: 1,
  margin: 0.0005,
  perRound: 4,
  nodeLimit: 300_000,
});

export type VerificationStop = 'certified' | 'run cap' | 'not verified' | 'waiting';

/** How a search decides, read off its study (pipeline/verify.ts). */
export interface DecisionRules {
  /**
   * The search's method (decide/methods): where its pair estimates come from, and whether they
   * were all measured. When not (a `tag` search), the loop trains the pairs that decide the
   * answer as well as groups, and estimates the others (pairRounds.ts); an untrained pair is
   * priced out of the measured-only problem like an untrained group.
   */
  method: SearchMethod;
  /** The network of the search's runs (absent: the shared bottom); runs of others are not its evidence. */
  architecture?: RunNetwork;
  /** Train promising groups of 3+ tasks (false with --no-verify). */
  verify: boolean;
  /** Every subset was planned (--exhaustive): nothing is left to verify, every group counts. */
  exhaustive: boolean;
  /** Most groups of 3+ tasks (and, for a `tag` search, pairs past its calibration pairs) the
   *  loop may train besides the all-in-one network. */
  groupCap: number;
  /** The choice policy: defaultPolicy unless a test asks for another. */
  policy?: ChoicePolicy;
  /**
   * Main and auxiliary tasks, when the study names auxiliaries: the objective scores the main
   * tasks, a network is a group of them with any auxiliaries (decide/groupingProblem.ts), and
   * a verified answer's every auxiliary is measured against its network without it.
   */
  roles?: TaskRoles;
}

export interface VerificationPath {
  /** Pairs, weights and the measured groups on the path (all-in-one included). */
  problem: GroupingProblem;
  /** Groups of 3+ tasks on the path, as group keys, in the order they were reached. */
  verified: string[];
  /** Rounds that chose groups to train. */
  rounds: number;
  /** Groups the path needs next that are not fully trained: empty once the path is complete. */
  needed: number[][];
  model: GroupErrorModel;
  stop: VerificationStop;
  /** The last round's optimistic and measured-only optima by budget (empty without verification). */
  views: BudgetView[];
  /** The groupings whose groups each round chose to train: the optimistic optima that beat the
   *  best measured grouping by more than the margin, with their optimistic objective. */
  candidates: { round: number; budget: number; groups: number[][]; optimistic: number }[];
  /** The policy the rounds followed (κ, margin: what the certificate states). */
  policy: ChoicePolicy;
  /** A `tag` search's pairs: those the path trained and the estimate of the others. */
  pairs?: PairState;
}

/**
 * Past allBudgetsUpTo tasks a round trains one group per 10 tasks (at least the policy's): a
 * grouping of 200 tasks has some 40 groups to check, and every round costs solves (candidates.ts)
 * however few groups it trains.
 */
const perRoundFor = (policy: ChoicePolicy, n: number): ChoicePolicy =>
  n > allBudgetsUpTo
    ? { ...policy, perRound: Math.max(policy.perRound, Math.ceil(n / 10)) }
    : policy;

/**
 * The verification path of a search's evidence: the groups it measured in order, the groups it
 * needs next, and why it stopped. `weights` define the objective, `budget` is the most networks
 * a grouping may use (the views solve every budget from it down).
 */
export function followVerification(
  evidence: SearchEvidence,
  weights: number[],
  budget: number,
  rules: DecisionRules,
): VerificationPath {
  const n = evidence.losses.alone[0]?.length ?? 0;
  const lazy = !rules.method.pairsMeasured;
  const policy = perRoundFor(rules.policy ?? (lazy ? lazyPairsPolicy : defaultPolicy), n);
  const problem: GroupingProblem = {
    pair: relativePairMatrix(evidence.losses),
    weights,
    measured: new Map(),
    ...(rules.roles && { roles: rules.roles }),
  };
  const scored = new Set(scoredTasks(problem));
  const path = startOf(problem, errorModel(evidence, problem), policy);
  const settled = (group: number[]) => evidence.groups.get(groupKey(group))?.settled === true;
  const record = (group: number[]) => {
    const key = groupKey(group);
    path.verified.push(key);
    const means = measuredMeans(evidence, evidence.groups.get(key)!, (t) => scored.has(t));
    // A group whose every run failed keeps its estimate; it is still not tried again.
    if (means) problem.measured!.set(key, means);
  };
  if (n >= 3) {
    const allInOne = everyTask(n);
    if (!settled(allInOne)) return { ...path, needed: [allInOne] };
    record(allInOne);
  }
  const anchorGroups = path.verified.length;
  const pairs = lazy ? new LazyPairs(evidence, policy.kappa) : null;
  const first = pairs ? firstRounds(pairs, rules.verify, n > allBudgetsUpTo, settled, record) : [];
  if (first.length > 0) return { ...path, needed: first };
  for (;;) {
    if (pairs) problem.pair = (path.pairs = pairs.state()).estimate;
    path.model = errorModel(evidence, problem);
    if (!rules.verify || rules.exhaustive) return { ...path, stop: 'not verified' };
    // With auxiliaries, the target budget's view alone: a grouping of fewer networks fits the
    // target too, so that view weighs it already, and the runs the smaller budgets' views would
    // take go to the neighbours of the answer (auxiliaryNeighbours.ts).
    path.views = budgetViews(problem, path.model, policy, budget, !rules.roles, path.pairs);
    const room = rules.groupCap - (path.verified.length - anchorGroups) - (pairs?.decisive ?? 0);
    const next = nextGroups(path, policy, pairs?.expand(problem));
    if (next.length === 0) return { ...path, stop: 'certified' };
    if (room <= 0) return { ...path, stop: 'run cap' };
    const round = next.slice(0, room);
    const ready = (s: number[]) => (s.length === 2 ? pairs!.settled(s) : settled(s));
    const needed = round.filter((subset) => !ready(subset));
    if (needed.length > 0) return { ...path, needed };
    path.candidates.push(...candidatesOf(path, round));
    round.forEach((subset) => (subset.length === 2 ? pairs!.record(subset, true) : record(subset)));
    path.rounds++;
  }
}

/** A path before its first round. */
const startOf = (
  problem: GroupingProblem,
  model: GroupErrorModel,
  policy: ChoicePolicy,
): VerificationPath => ({
  problem,
  verified: [],
  rounds: 0,
  needed: [],
  model,
  stop: 'waiting',
  views: [],
  candidates: [],
  policy,
});

/**
 * The first rounds of a search whose pairs are not all trained (pairRounds.ts): its
 * calibration pairs, then (when verifying) the groups of 3+ of the average linkage of its pair
 * estimate, and past allBudgetsUpTo tasks (`wide`: where the run cap, not the certificate,
 * usually ends the search) the best join of each task the linkage left out. What they still
 * need, or nothing once all are recorded on the path.
 */
function firstRounds(
  pairs: LazyPairs,
  verify: boolean,
  wide: boolean,
  settled: (group: number[]) => boolean,
  record: (group: number[]) => void,
): number[][] {
  const calibration = pairs.calibration();
  if (calibration.some((pair) => !pairs.settled(pair))) return calibration;
  calibration.forEach((pair) => pairs.record(pair));
  const rounds = [
    () => (verify ? pairs.proposal() : []),
    () => (verify && wide ? pairs.joins() : []),
  ];
  for (const next of rounds) {
    const round = next();
    if (round.some((group) => !settled(group))) return round;
    round.forEach(record);
  }
  return [];
}

/**
 * The groups the next round trains: the promising ones (candidates.ts), or once none is, in a
 * search with auxiliaries, the answer's unmeasured neighbours (auxiliaryNeighbours.ts).
 */
function nextGroups(
  path: VerificationPath,
  policy: ChoicePolicy,
  expand?: (groups: number[][], first: boolean) => number[][],
): number[][] {
  const promising = promisingGroups(path.problem, path.views, policy, expand);
  if (promising.length > 0) return promising;
  return unmeasuredNeighbours(path.problem, path.views[0], path.model.correction, policy.perRound);
}

/** The views whose optimistic optimum holds a subset of this round: the groupings it measures. */
function candidatesOf(path: VerificationPath, round: number[][]): VerificationPath['candidates'] {
  // A group of 3+ is the view's own group; a pair (a tag search's) may lie inside one.
  const holds = (group: number[], s: number[]) =>
    s.length === 2 ? s.every((t) => group.includes(t)) : groupKey(group) === groupKey(s);
  const seen = new Set<string>();
  return path.views.flatMap((view) => {
    const key = JSON.stringify(view.optimistic.groups);
    const groups = view.optimistic.groups;
    if (seen.has(key) || !round.some((s) => groups.some((g) => holds(g, s)))) return [];
    seen.add(key);
    return [
      {
        round: path.rounds + 1,
        budget: view.budget,
        groups: view.optimistic.groups,
        optimistic: view.optimistic.objective,
      },
    ];
  });
}

/**
 * The error model of the pair estimate, fitted on the measured groups of the problem: the
 * errors of their scored members (an auxiliary member's loss is not scored), by network size.
 */
function errorModel(evidence: SearchEvidence, problem: GroupingProblem): GroupErrorModel {
  const n = problem.pair.length;
  const scored = new Set(scoredTasks(problem));
  const full = n >= 3 ? groupKey(everyTask(n)) : '';
  const hoa = pairEstimate(problem);
  const errors: GroupError[] = [];
  let anchor: number[] | null = null;
  for (const [key, values] of problem.measured ?? []) {
    const tasks = evidence.groups.get(key)!.tasks;
    const members = tasks.flatMap((t, k) => (scored.has(t) ? [k] : []));
    const error = members.map((k) => values[k] - hoa(tasks[k], tasks));
    if (key === full) {
      anchor = new Array<number>(n).fill(0);
      members.forEach((k, x) => (anchor![tasks[k]] = error[x]));
    } else errors.push({ tasks: members.map((k) => tasks[k]), error, size: tasks.length });
  }
  return fitGroupErrors({
    taskCount: n,
    anchor,
    measured: errors,
    priorSigma: pairNoise(evidence.losses),
  });
}
