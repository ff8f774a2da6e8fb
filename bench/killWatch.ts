/**
 * Watches one process of a kill trial claim and commit runs, by polling the database it writes
 * (read-only, every 50 ms): when it first claimed runs, when its first run was committed, and
 * when its last one was. The kill schedule
 * times its kills from these, and the reference's figures set the trial's pace.
 */
import { countClaimedBy, countDone } from './killDatabase.js';
import type { Session } from './killSession.js';

export interface CommitWatch {
  /** Seconds from the process's start to its first claim (its first batch dispatched), once seen. */
  readonly firstClaimSec: number | undefined;
  /** Seconds from the process's start to its first commit, once seen. */
  readonly firstCommitSec: number | undefined;
  /** Seconds from the process's start to the last commit seen so far. */
  readonly lastCommitSec: number | undefined;
  /** Resolves at the first commit (seconds since start), or undefined if the process ends or `timeoutMs` passes first. */
  firstCommit(timeoutMs: number): Promise<number | undefined>;
  stop(): void;
}

const pollMs = 50;

/** Watches `db` from now until the session exits or `stop()`; runs done before it started (`doneBefore`) do not count. */
export function watchCommits(db: string, session: Session, doneBefore: number): CommitWatch {
  let claimed: number | undefined;
  let first: number | undefined;
  let last: number | undefined;
  let seen = doneBefore;
  let ended = false;
  void session.exited.then(() => (ended = true));
  const sinceStart = () => (performance.now() - session.startedAt) / 1000;
  const poll = () => {
    if (claimed === undefined && countClaimedBy(db, session.child.pid ?? -1) > 0)
      claimed = sinceStart();
    const done = countDone(db);
    if (done > seen) {
      seen = done;
      last = sinceStart();
      first ??= last;
      claimed ??= last; // claimed and committed between two polls
    }
  };
  const timer = setInterval(poll, pollMs);
  void session.exited.then(() => {
    poll(); // commits made just before the exit
    clearInterval(timer);
  });
  return {
    get firstClaimSec() {
      return claimed;
    },
    get firstCommitSec() {
      return first;
    },
    get lastCommitSec() {
      return last;
    },
    async firstCommit(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (first === undefined && !ended && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      return first;
    },
    stop: () => clearInterval(timer),
  };
}
