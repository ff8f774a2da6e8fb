import { randomBytes } from 'node:crypto';
import type { RunSpec } from '../proxy/types.js';
import { keyPrefix } from './keys.js';

/**
 * How many runs one job holds. The coordinator's work is mostly per job (queue it, hear its
 * answer, look at it every sweep, remove it: a few ms of CPU), so when runs are short it sets
 * the pace of many workers. The rule: a job holds about `jobTargetMs` of training, by the mean
 * training time of the runs answered so far in this search, and at most `batchLimit.runs` runs;
 * one run per job while no run has answered, or when runs take `jobTargetMs` or more.
 * A second of training per job keeps the coordinator's share of a worker's time near 1 %, and
 * 32 runs bound what a killed worker's job puts back in the queue.
 */
export const jobTargetMs = 1_000;
/** `runs` at most per job; `npm run bench:distributed` sets 1 to time one run per job beside. */
export const batchLimit = { runs: 32 };
/** Until the first answer, this many runs go out alone (to measure); the rest wait for it, this long at most. */
const probeRuns = 2;
const probeWaitMs = 5_000;
/** Runs handed over within this long of each other may share a job. */
const gatherMs = 10;

/** Runs per job for runs whose mean training time is `meanMs` (undefined: none measured yet). */
export function runsPerJob(meanMs: number | undefined): number {
  if (meanMs === undefined || !(meanMs > 0)) return 1;
  return Math.max(1, Math.min(batchLimit.runs, Math.floor(jobTargetMs / meanMs)));
}

/** A new job id for several runs (their keys are found through `batchOfKey`). */
export const batchJobId = (): string => `batch-${randomBytes(8).toString('hex')}`;

/** The id of the batch job that holds run `key` (a week, as long as an uncollected answer). */
export const batchOfKey = (queueName: string, key: string): string =>
  `${keyPrefix}:${queueName}:batch-of:${key}`;

interface Pending {
  spec: RunSpec;
  fingerprint: string;
}

/**
 * Gathers the runs to queue and hands them out in jobs of `runsPerJob` runs of one dataset.
 * Pure timing and grouping: what a job is, and how it is queued, is the caller's (`send`).
 */
export class RunPacker {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private answered = 0;
  private trainMs = 0;
  private probing = 0;
  private probeStart: number | undefined;

  constructor(private readonly send: (specs: RunSpec[], fingerprint: string) => void) {}

  /** A run's training time, from an answer: the next jobs are sized by the mean. */
  measured(ms: number): void {
    this.answered++;
    this.trainMs += ms;
    if (this.answered === 1 && this.pending.length > 0) this.schedule(0);
  }

  add(spec: RunSpec, fingerprint: string): void {
    this.probeStart ??= Date.now();
    if (this.answered === 0 && this.probing < probeRuns) {
      this.probing++;
      return this.send([spec], fingerprint);
    }
    this.pending.push({ spec, fingerprint });
    const size = this.size();
    if (this.answered > 0 && this.pending.length >= size) this.flush();
    else this.schedule(this.answered > 0 ? gatherMs : this.probeLeftMs());
  }

  /** Sends every run gathered now (on a stop, or when its wait is over). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const size = this.size();
    const byData = new Map<string, RunSpec[]>();
    for (const { spec, fingerprint } of this.pending)
      byData.set(fingerprint, [...(byData.get(fingerprint) ?? []), spec]);
    this.pending = [];
    for (const [fingerprint, specs] of byData)
      for (let i = 0; i < specs.length; i += size) this.send(specs.slice(i, i + size), fingerprint);
  }

  /** Takes out the runs not sent yet (after a stop: they leave without being queued). */
  drain(): RunSpec[] {
    clearTimeout(this.timer);
    const specs = this.pending.map((p) => p.spec);
    this.pending = [];
    return specs;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private size(): number {
    return runsPerJob(this.answered === 0 ? undefined : this.trainMs / this.answered);
  }

  private probeLeftMs(): number {
    return Math.max(0, probeWaitMs - (Date.now() - (this.probeStart ?? Date.now())));
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ms);
  }
}
