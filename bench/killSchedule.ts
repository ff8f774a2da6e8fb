/**
 * When the next kill of a kill trial comes: a delay after the process starts, uniform on
 * [0.1 s, D], with D chosen kill by kill so that the kills spread over the whole search.
 *
 * Model of one process: it commits nothing for its first `c` seconds (start-up, workers, the
 * first batch), then about `r` runs a second. Killed at U ~ Uniform(0, D), it keeps on average
 * r · E[max(0, U − c)] = r (D − c)² / 2D runs. Each kill aims at an equal share of what is left,
 * remaining / (kills left + 1), which leaves about 1/(N + 1) of the search to the final resume
 * and puts many kills into start-up (U < c) on the way. c and r come from the uninterrupted
 * reference; r is then corrected by the pace the trial actually sees, because the machine's load
 * may differ between the reference and the trial.
 */
import type { Prng } from '../src/proxy/prng.js';

export interface Pace {
  /** Seconds from start to the first committed run. */
  firstCommitSec: number;
  /** Runs committed per second after that. */
  runsPerSec: number;
}

const minDelaySec = 0.1;
/** The trial's pace may differ from the reference's by this factor at most (load changes, not miracles). */
const maxSpeedFactor = 4;
/** Below this many expected runs the observed pace says nothing yet (runs commit in batches). */
const paceEvidenceRuns = 12;

export class KillSchedule {
  private expected = 0;
  private observed = 0;

  /** `fixedMaxSec`: a fixed range instead (--max-delay), for reproducing one exact trial. */
  constructor(
    private readonly pace: Pace,
    private readonly prng: Prng,
    private readonly fixedMaxSec?: number,
  ) {}

  /** Ratio of the pace seen in the trial to the reference's, once there is evidence. */
  speed(): number {
    if (this.expected < paceEvidenceRuns) return 1;
    return Math.min(maxSpeedFactor, Math.max(1 / maxSpeedFactor, this.observed / this.expected));
  }

  /** The upper end D of the next delay's range, for `remaining` runs and `killsLeft` kills (this one included). */
  maxDelaySec(remaining: number, killsLeft: number): number {
    if (this.fixedMaxSec !== undefined) return this.fixedMaxSec;
    const c = this.pace.firstCommitSec;
    const share = Math.max(remaining, 0) / (killsLeft + 1);
    const k = (2 * share) / (this.pace.runsPerSec * this.speed());
    const b = 2 * c + k; // (D − c)² = k D  ⇔  D² − (2c + k) D + c² = 0; the larger root is ≥ c
    return Math.max(minDelaySec * 2, (b + Math.sqrt(b * b - 4 * c * c)) / 2);
  }

  /** Draws the next delay in seconds and its range. */
  next(remaining: number, killsLeft: number): { delaySec: number; maxSec: number } {
    const maxSec = this.maxDelaySec(remaining, killsLeft);
    return { delaySec: minDelaySec + this.prng.next() * (maxSec - minDelaySec), maxSec };
  }

  /** Records what a process killed after `delaySec` committed, to correct the pace. */
  observe(delaySec: number, committed: number): void {
    this.expected += this.pace.runsPerSec * Math.max(0, delaySec - this.pace.firstCommitSec);
    this.observed += committed;
  }
}
