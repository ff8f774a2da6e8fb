/**
 * The grouping solvers: pure functions of data, no I/O.
 * - solveHoaPartition: partition mode, group losses from HOA over pairs (all subsets implicit).
 * - solveTablePartition: partition mode over the explicit networks of a loss table.
 * - solveOverlap: Standley's network selection (overlap mode).
 * - solveAuxPartition: partition mode over main tasks, each network with its best auxiliary set.
 * Each returns a SolveResult (status, best, proven bound, gap, alternatives, stats).
 */
export type { Partition, SearchLimits, SolveResult, SolveStatus } from './types.js';
export { groupKey, maskOf, tasksOf } from './bits.js';
export {
  EXACT_HOA_TASKS,
  MAX_HOA_OVERLAP_TASKS,
  MAX_HOA_TASKS,
  MAX_TABLE_TASKS,
} from './limits.js';
export { MAX_SUBSET_TASKS, partitionCount, rankOf, truthByBudget } from './subsetTruth.js';
export { type HoaPartitionProblem, partitionObjective } from './hoa.js';
export { solveHoaPartition } from './partition.js';
export type { CandidateNetwork, NetworkProblem, Selection } from './overlapProblem.js';
export { solveOverlap } from './overlap.js';
export { solveTablePartition } from './tablePartition.js';
export { mergeDown } from './mergeDown.js';
export {
  MAX_AUX_MAIN_TASKS,
  auxModel,
  bestAuxSet,
  networkCost,
  type AuxNetwork,
  type AuxPartitionProblem,
  type TaskRoles,
} from './auxNetworks.js';
export { auxPartitionObjective, networkRows, solveAuxPartition } from './auxPartition.js';
