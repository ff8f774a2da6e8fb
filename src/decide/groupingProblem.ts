import {
  auxPartitionObjective,
  networkRows,
  partitionObjective,
  solveAuxPartition,
  type AuxNetwork,
  type HoaPartitionProblem,
  type Partition,
  type SolveResult,
  type TaskRoles,
} from '../search/index.js';
// The solver's entry from its own module: a reader (or a tool) follows the budget in.
import { solveHoaPartition } from '../search/partition.js';

/**
 * The grouping problem a search decides, the one seam between the two kinds of search: without
 * roles, every task is scored and sits in one network (HOA partition, search/partition.ts);
 * with roles, the main tasks are partitioned into networks and each network takes its best
 * auxiliary set (search/auxPartition.ts), a group being a whole network (main and auxiliary
 * members). Verification, the decision and the report go through here and read `groups` the
 * same way: a group's key names what was trained.
 */
export type GroupingProblem = HoaPartitionProblem & { roles?: TaskRoles };

/** Most networks a grouping may use: one per scored task. */
export const networksMost = (problem: GroupingProblem): number =>
  problem.roles ? problem.roles.main.length : problem.pair.length;

/** The scored tasks: the main ones, or every task. */
export const scoredTasks = (problem: GroupingProblem): number[] =>
  problem.roles ? problem.roles.main : problem.pair.map((_, t) => t);

/** The problem's solve within `budget` networks, with `topK` answers and a node limit. */
export function solveGrouping(
  problem: GroupingProblem,
  budget: number,
  limits: { topK?: number; nodeLimit?: number },
  rows?: AuxNetwork[],
): SolveResult<Partition> {
  const { roles } = problem;
  return roles
    ? solveAuxPartition({ ...problem, roles, budget, ...limits }, rows)
    : solveHoaPartition({ ...problem, budget, ...limits });
}

/** The best network of every group of main tasks (auxPartition.ts), for problems with roles. */
export const groupingRows = (problem: GroupingProblem): AuxNetwork[] | undefined =>
  problem.roles ? networkRows({ ...problem, roles: problem.roles }) : undefined;

/** Objective of given groups (whole networks) under the problem. */
export const groupingObjective = (problem: GroupingProblem, groups: number[][]): number =>
  problem.roles
    ? auxPartitionObjective({ ...problem, roles: problem.roles }, groups)
    : partitionObjective(problem, groups);

/** Whether a task is auxiliary in the problem (never without roles). */
export const auxiliaryOf = (problem: Pick<GroupingProblem, 'roles'>): ((t: number) => boolean) => {
  const aux = new Set(problem.roles?.aux ?? []);
  return (t) => aux.has(t);
};

/**
 * The pair estimate of a task's relative loss in a group, from the problem's pair matrix (mean
 * over seeds): HOA over every other member, auxiliary members alike. What the error model
 * corrects.
 */
export const pairEstimate =
  (problem: GroupingProblem) =>
  (task: number, group: number[]): number =>
    group.reduce((sum, j) => sum + (j === task ? 0 : problem.pair[task][j]), 0) /
    (group.length - 1);
