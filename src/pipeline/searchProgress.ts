import type { ExecuteProgress } from './execute.js';

/**
 * A search's progress, round by round. Round 0 trains the runs planned when the search started
 * (the singles, pairs and all-in-one network of `pairs`); each verification round then plans and
 * trains more. The top-level figures add every round so far: `total` only grows, so a bar drawn
 * on it never falls back. `stage` holds the current round's own figures.
 */
export interface SearchProgress extends ExecuteProgress {
  stage: ExecuteProgress & {
    /** 0: the runs planned at the start; n ≥ 1: verification round n. */
    round: number;
  };
}

/**
 * Progress across rounds: each round's figures are added to those of the rounds before it.
 * `report` takes the figures of the round in progress (executePlan's), `endRound` closes it.
 */
export function progressAcrossRounds(onProgress?: (progress: SearchProgress) => void) {
  const before: ExecuteProgress = { total: 0, done: 0, failed: 0, trained: 0 };
  let last: ExecuteProgress = { ...before };
  let round = 0;
  return {
    report: (p: ExecuteProgress): void => {
      last = p;
      onProgress?.({
        total: before.total + p.total,
        done: before.done + p.done,
        failed: before.failed + p.failed,
        trained: before.trained + p.trained,
        stage: { ...p, round },
      });
    },
    endRound: (): void => {
      for (const key of ['total', 'done', 'failed', 'trained'] as const) before[key] += last[key];
      last = { total: 0, done: 0, failed: 0, trained: 0 };
      round++;
    },
  };
}
