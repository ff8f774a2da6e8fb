/**
 * Shared shapes of the grouping solvers. Every solver returns a SolveResult: the best answer
 * found, a proven lower bound on the optimum, the relative gap between them, and the next best
 * distinct answers when top-K was asked for.
 */

/** 'optimal': the search finished; 'limit': a time or node limit stopped it; 'interrupted':
 *  shouldStop() asked it to stop. The best answer is returned in every case. */
export type SolveStatus = 'optimal' | 'limit' | 'interrupted';

export interface SolveResult<T> {
  status: SolveStatus;
  best: T;
  /** Proven lower bound on the optimal objective (equal to best's objective when optimal). */
  bound: number;
  /** (best − bound) / best, 0 when optimal. */
  gap: number;
  /** Next best distinct answers, best first, excluding `best`. */
  alternatives: T[];
  stats: { nodes: number; elapsedMs: number };
}

/** Limits every solver honours; all optional. */
export interface SearchLimits {
  topK?: number;
  timeLimitMs?: number;
  nodeLimit?: number;
  /** Checked together with the limits, so Ctrl-C stops the search with its best answer. */
  shouldStop?: () => boolean;
}

/** A partition of tasks 0..n−1: groups sorted by first task, tasks sorted in each group. */
export interface Partition {
  groups: number[][];
  objective: number;
}
