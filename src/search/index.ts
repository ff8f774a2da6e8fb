export type { Partition, SearchLimits, SolveResult, SolveStatus } from './types.js';
export { type HoaPartitionProblem, partitionObjective } from './hoa.js';
export { solveHoaPartition } from './partition.js';
