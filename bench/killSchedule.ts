/**
 * When the next kill of a kill trial comes. Each kill lands in one of two phases of the process
 * it stops, at a uniform random time within that phase:
 *
 * - start-up: uniform on [0.1 s, c] after the process starts, c being the shortest quiet start
 *   seen so far: the time to a first commit (node and tsx, the dataset, the worker pool, the
 *   first batch), or for a polite stop (SIGTERM), which lets the batches in flight finish, the
 *   time to a first claim;
 * - training: once the process has committed its first runs, uniform on [0, one round] more,
 *   a round being the time the workers take to commit one batch each.
 *
 * Runs commit in rounds of (workers × batch) runs, so a kill while training lets about one and a
 * half rounds through (a polite stop one more: the round in flight). To spread the kills over the whole search, the chance of a training kill
 * is the share of the runs left per kill left, in those units; the other kills land in start-up.
 * The final resume is left about one kill's share. A plain uniform range over the whole process
 * cannot do this: a process spends most of its life starting (a busy machine doubles that), so
 * most kills would fall in start-up and a few long ones would finish the search at once.
 */
import type { Prng } from '../src/proxy/prng.js';

export interface Pace {
  /** Seconds from start to the last moment a stop leaves nothing committed (the reference's). */
  quietSec: number;
  /** Seconds between two rounds of commits. */
  roundSec: number;
  /** Runs committed in one round: workers × runs per batch. */
  roundRuns: number;
}

export type KillPhase = KillPlan['phase'];

export type KillPlan =
  | { phase: 'start-up' | 'uniform'; delaySec: number; maxSec: number }
  | { phase: 'training'; afterCommitSec: number; maxSec: number };

const minDelaySec = 0.1;
/** Rounds a training kill lets through on average: the first commit's round and half the next. */
const roundsPerTrainingKill = 1.5;
/** A polite stop also lets the round in flight finish. */
const roundsPerPoliteStop = 1;

export class KillSchedule {
  private startSec: number;

  /**
   * `polite`: the stop lets in-flight batches finish (SIGTERM). `fixedMaxSec` (--max-delay):
   * every kill uniform on [0.1 s, fixedMaxSec] after start instead.
   */
  constructor(
    private readonly pace: Pace,
    private readonly prng: Prng,
    private readonly polite: boolean,
    private readonly fixedMaxSec?: number,
  ) {
    this.startSec = pace.quietSec;
  }

  /** Chance that the next kill lands while training, for `remaining` runs and `killsLeft` kills (this one included). */
  trainingChance(remaining: number, killsLeft: number): number {
    const share = Math.max(remaining, 0) / (killsLeft + 1);
    const rounds = roundsPerTrainingKill + (this.polite ? roundsPerPoliteStop : 0);
    return Math.min(1, share / (rounds * this.pace.roundRuns));
  }

  next(remaining: number, killsLeft: number): KillPlan {
    const uniform = (low: number, high: number) => low + this.prng.next() * (high - low);
    if (this.fixedMaxSec !== undefined) {
      return {
        phase: 'uniform',
        delaySec: uniform(minDelaySec, this.fixedMaxSec),
        maxSec: this.fixedMaxSec,
      };
    }
    const training = this.prng.next() < this.trainingChance(remaining, killsLeft);
    if (training)
      return {
        phase: 'training',
        afterCommitSec: uniform(0, this.pace.roundSec),
        maxSec: this.pace.roundSec,
      };
    return {
      phase: 'start-up',
      delaySec: uniform(minDelaySec, this.startSec),
      maxSec: this.startSec,
    };
  }

  /** A process's quiet start (see Pace) ended `sec` after it began: start-up kills stay before the quickest seen. */
  observeQuietStart(sec: number): void {
    this.startSec = Math.max(minDelaySec * 2, Math.min(this.startSec, sec));
  }
}
