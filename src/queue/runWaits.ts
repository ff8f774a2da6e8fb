import { InternalError } from '../errors.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { sameIdentity, showIdentity, type TrainerIdentity } from './identity.js';
import { answerProblem, type RunAnswer } from './jobs.js';

/** A run's end as the coordinator sees it: its result, or `withdrawn` (taken out of the queue after a stop). */
export type RunOutcome = RunResult | 'withdrawn';

interface Wait {
  spec: RunSpec;
  /** The dataset it trains on. */
  fingerprint: string;
  /** The job this wait follows (the run key, or a batch's id) and its creation time (BullMQ's job.timestamp), once known. */
  job?: string;
  stamp?: number;
  resolve: (outcome: RunOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * The runs a coordinator waits for, by key. Each settles once, whichever of the event stream,
 * the sweep or the first look at the queue hears of it first; later news of it is ignored.
 */
export class RunWaits {
  private readonly waits = new Map<string, Wait>();

  constructor(private readonly identity: TrainerIdentity) {}

  add(spec: RunSpec, fingerprint: string): Promise<RunOutcome> {
    return new Promise((resolve, reject) =>
      this.waits.set(spec.key, { spec, fingerprint, resolve, reject }),
    );
  }

  keys(): string[] {
    return [...this.waits.keys()];
  }

  isWaiting(key: string): boolean {
    return this.waits.has(key);
  }

  specOf(key: string): { spec: RunSpec; fingerprint: string } | undefined {
    return this.waits.get(key);
  }

  /** Records which job (by its id and creation time) answers for `key`. */
  follow(key: string, job: string, stamp: number): void {
    const wait = this.waits.get(key);
    if (wait) Object.assign(wait, { job, stamp });
  }

  /** The waiting runs by the job they follow (runs not queued yet are left out). */
  byJob(): Map<string, string[]> {
    const jobs = new Map<string, string[]>();
    for (const [key, { job }] of this.waits)
      if (job !== undefined) jobs.set(job, [...(jobs.get(job) ?? []), key]);
    return jobs;
  }

  /** True when the job created at `stamp` is the one followed for `key` (not an earlier attempt's). */
  follows(key: string, stamp: number): boolean {
    return this.waits.get(key)?.stamp === stamp;
  }

  /** A job's answer arrived: true when it is a valid result of this run, computed by this identity. */
  answer(key: string, value: unknown): boolean {
    const wait = this.take(key);
    if (!wait) return true;
    const problem = answerProblem(value, wait.spec) ?? this.identityProblem(value as RunAnswer);
    if (problem) {
      wait.reject(
        new InternalError(`run ${key}: a worker answered with no usable result (${problem})`),
      );
      return false;
    }
    wait.resolve((value as RunAnswer).result);
    return true;
  }

  fail(key: string, reason: string): void {
    this.take(key)?.reject(new InternalError(`run ${key} failed on a worker: ${reason}`));
  }

  withdraw(key: string): void {
    this.take(key)?.resolve('withdrawn');
  }

  rejectAll(error: Error): void {
    for (const key of this.keys()) this.take(key)?.reject(error);
  }

  private take(key: string): Wait | undefined {
    const wait = this.waits.get(key);
    this.waits.delete(key);
    return wait;
  }

  private identityProblem(answer: RunAnswer): string | undefined {
    if (sameIdentity(answer.identity, this.identity)) return undefined;
    return `computed with ${showIdentity(answer.identity)}, not ${showIdentity(this.identity)}`;
  }
}
