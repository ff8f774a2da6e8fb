import type { SearchLimits, SolveStatus } from './types.js';

/**
 * One check for every way a search may have to stop early (MiniSat's withinBudget): node
 * limit, time limit, interruption. Counting nodes is cheap; the clock and the callback are read
 * every 256 nodes only.
 */
export class SearchBudget {
  nodes = 0;
  private readonly start = performance.now();
  private stopped: SolveStatus | null = null;

  constructor(private readonly limits: SearchLimits) {}

  /** Count one node; false once any limit is reached (and from then on). */
  tick(): boolean {
    this.nodes++;
    if (this.stopped) return false;
    const { nodeLimit, timeLimitMs, shouldStop } = this.limits;
    if (nodeLimit !== undefined && this.nodes > nodeLimit) this.stopped = 'limit';
    else if ((this.nodes & 255) === 0) {
      if (timeLimitMs !== undefined && performance.now() - this.start > timeLimitMs)
        this.stopped = 'limit';
      else if (shouldStop?.()) this.stopped = 'interrupted';
    }
    return this.stopped === null;
  }

  /** False once a limit is reached, counting no node: for work between nodes (heuristics). */
  within(): boolean {
    if (this.stopped) return false;
    const { timeLimitMs, shouldStop } = this.limits;
    if (timeLimitMs !== undefined && performance.now() - this.start > timeLimitMs)
      this.stopped = 'limit';
    else if (shouldStop?.()) this.stopped = 'interrupted';
    return this.stopped === null;
  }

  get status(): SolveStatus {
    return this.stopped ?? 'optimal';
  }

  elapsedMs(): number {
    return performance.now() - this.start;
  }
}

/** Relative gap between an incumbent and a lower bound (both minimised objectives). */
export function relativeGap(best: number, bound: number): number {
  const diff = Math.max(0, best - bound);
  if (diff <= 1e-12 * Math.max(1, Math.abs(best))) return 0;
  return Math.abs(best) > 1e-12 ? diff / Math.abs(best) : diff;
}

/** Tolerance used when comparing objectives that were summed in different orders. */
export function tolerance(value: number): number {
  return 1e-10 * Math.max(1, Math.abs(value));
}
