/**
 * How wrong the pair-based estimate (HOA) is for larger groups, learned from the groups that
 * were measured, in the spirit of Ayman et al. (ICLR 2026): HOA predicts task i's relative loss
 * in G from its pairs alone and misses what only a larger shared network does (a wider mix of
 * gradients competing for one bottom, or a shared signal that only many tasks reveal).
 * Scored against exhaustive tables (every subset of 6-8 tasks trained, synthetic and real data),
 * that error grows with the group's size roughly as ln(s − 1), and its sign and size depend
 * on the task far more than on anything else cheaply known: how far the task's measured loss in
 * the all-in-one network lies from its HOA estimate explains most of it.
 *
 * The model, per task i and group size s ≥ 3:
 *   error_i(s) = f(s) · (a + b · anchor_i),   f(s) = ln(s − 1) / ln(n − 1)   (f(2) = 0, f(n) = 1)
 * where anchor_i = measured − HOA for task i in the all-in-one network. (a, b) is a ridge
 * regression of every measured group's per-task errors, shrunk towards (0, 1): with only the
 * all-in-one network measured it reproduces that network exactly and interpolates to pairs.
 * Worked example: n = 8, anchor_i = −0.006 (the all-in-one network did 0.6 % better for task i
 * than its pairs suggested), a = 0, b = 1 → a group of 4 gets −0.006 · ln 3 / ln 7 = −0.0034.
 *
 * Its uncertainty is the spread of the groups' mean errors around the model (the error of a
 * group's objective, not of one task: members' errors move together), shrunk towards the
 * pairs' own seed noise while few groups are measured.
 */

/** One measured group of three or more tasks: its members and, per member, measured − HOA. */
export interface GroupError {
  tasks: number[];
  error: number[];
  /** Members of the network when more than `tasks` (auxiliary members, whose loss is not scored). */
  size?: number;
}

export interface GroupErrorModel {
  /** correction[i][s] added to task i's HOA estimate in a group of s tasks (0 for s < 3). */
  correction: number[][];
  /** Standard deviation of a group's mean error after the correction (relative loss). */
  sigma: number;
  /** The fitted (a, b) and how many groups besides the all-in-one network informed them. */
  intercept: number;
  anchorWeight: number;
  groups: number;
}

export interface GroupErrorInput {
  taskCount: number;
  /** measured − HOA per task in the all-in-one network; null when it is not measured. */
  anchor: number[] | null;
  /** Other measured groups of three or more tasks. */
  measured: GroupError[];
  /** Seed noise of one pair ratio: the uncertainty assumed before any group is measured. */
  priorSigma: number;
}

/** Weight of the prior (a, b) = (0, 1), in task observations: as much as one all-in-one network. */
const priorWeight = (n: number): number => n;
/** Weight of the prior sigma, in groups. */
const sigmaPriorGroups = 2;

export const sizeShape = (size: number, n: number): number =>
  size < 3 || n < 3 ? 0 : Math.log(size - 1) / Math.log(n - 1);

export function fitGroupErrors(input: GroupErrorInput): GroupErrorModel {
  const n = input.taskCount;
  const anchor = input.anchor ?? new Array<number>(n).fill(0);
  const [a, b] = ridgeFit(input.measured, anchor, n);
  const predict = (task: number, size: number): number =>
    sizeShape(size, n) * (a + b * anchor[task]);
  const correction = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n + 1 }, (_, s) => (s < 3 ? 0 : predict(i, s))),
  );
  let squares = 0;
  for (const group of input.measured) {
    const size = group.size ?? group.tasks.length;
    const mean =
      group.tasks.reduce((sum, t, k) => sum + group.error[k] - predict(t, size), 0) /
      group.tasks.length;
    squares += mean * mean;
  }
  const prior = input.priorSigma;
  const sigma = Math.sqrt(
    (squares + sigmaPriorGroups * prior * prior) / (input.measured.length + sigmaPriorGroups),
  );
  return { correction, sigma, intercept: a, anchorWeight: b, groups: input.measured.length };
}

/** Ridge least squares of each member's error on [f(s), f(s)·anchor_i], prior (0, 1). */
function ridgeFit(measured: GroupError[], anchor: number[], n: number): [number, number] {
  const lambda = priorWeight(n);
  let s11 = lambda;
  let s12 = 0;
  let s22 = lambda;
  let r1 = 0;
  let r2 = lambda;
  for (const group of measured) {
    const f = sizeShape(group.size ?? group.tasks.length, n);
    group.tasks.forEach((task, k) => {
      const x2 = f * anchor[task];
      s11 += f * f;
      s12 += f * x2;
      s22 += x2 * x2;
      r1 += f * group.error[k];
      r2 += x2 * group.error[k];
    });
  }
  const det = s11 * s22 - s12 * s12;
  return [(r1 * s22 - r2 * s12) / det, (s11 * r2 - s12 * r1) / det];
}
